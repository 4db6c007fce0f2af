import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { documentReview } from '../../pipelines/document-review/document-review.pipeline';
import { helloEtl } from '../../pipelines/hello-etl/hello-etl.pipeline';
import { setUpTestEngine } from '../../test-support/set-up-test-engine';
import { actor } from '../../test-support/test-actors';
import { startRun } from '../runs/start-run';
import { getOverview } from './get-overview';

/** Sets a run's state and status directly: these tests are about reading, not about moving runs. */
async function place(
  pipelineId: string,
  input: object,
  state: string,
  status: string,
  createdAgo = '1 minute',
) {
  const { run } = await startRun(fx.engine, { pipelineId, input }, actor('test'));
  await fx.db.db.execute(sql`
    update runs set state = ${state}, status = ${status}, created_at = now() - ${createdAgo}::interval,
      updated_at = now() - ${createdAgo}::interval,
      error = case when ${status} = 'failed' then '{"message": "boom"}'::jsonb else null end
    where id = ${run.id}`);
  return run.id;
}

const fx = setUpTestEngine([helloEtl, documentReview]);

beforeAll(async () => {
  const doc = { documentId: 'D', title: 'T' };
  await place('document-review', doc, 'awaiting_approval', 'waiting');
  await place('document-review', doc, 'awaiting_approval', 'waiting', '5 days');
  await place('document-review', doc, 'checks.scanning', 'running');
  await place('document-review', doc, 'published', 'succeeded');
  await place('document-review', doc, 'failed', 'failed');
  await place('hello-etl', { source: 'a' }, 'done', 'succeeded', '3 days');
  await place('hello-etl', { source: 'b' }, 'failed', 'failed', '2 hours');
});

describe('getOverview', () => {
  it('counts the last 24 h, lists active runs and failures, and rates each pipeline', async () => {
    const overview = await getOverview(fx.engine, actor('test'));
    // The waiting run from 5 days ago is not in the 24 h counts, but it is active.
    expect(overview.counts).toEqual({
      queued: 0,
      running: 1,
      waiting: 1,
      succeeded: 1,
      failed: 2,
      cancelled: 0,
    });
    expect(overview.total).toBe(5);
    expect(overview.active.counts).toEqual({ running: 1, waiting: 2 });
    expect(overview.active.runs).toHaveLength(3);
    expect(overview.recentFailures.map((r) => r.errorMessage)).toEqual(['boom', 'boom']);
    const hello = overview.pipelines.find((p) => p.id === 'hello-etl')!;
    expect(hello).toMatchObject({ total: 1, failureRate: 1 });
    const docs = overview.pipelines.find((p) => p.id === 'document-review')!;
    expect(docs.failureRate).toBe(0.5);
    expect(docs.lastFailureAt).not.toBeNull();
    expect(overview.workers).toEqual([]);
  });
});
