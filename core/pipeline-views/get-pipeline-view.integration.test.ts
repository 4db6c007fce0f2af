import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { documentReview } from '../../pipelines/document-review/document-review.pipeline';
import { helloEtl } from '../../pipelines/hello-etl/hello-etl.pipeline';
import { setUpTestEngine } from '../../test-support/set-up-test-engine';
import { actor } from '../../test-support/test-actors';
import { startRun } from '../runs/start-run';
import { getPipelineView } from './get-pipeline-view';
import { listPipelineSummaries } from './list-pipeline-summaries';

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
      error = case when ${status} = 'failed' then '{"message": "boom"}'::jsonb else null end
    where id = ${run.id}`);
  return run.id;
}

const fx = setUpTestEngine([helloEtl, documentReview]);

beforeAll(async () => {
  const doc = { documentId: 'D', title: 'T' };
  await place('document-review', doc, 'awaiting_approval', 'waiting');
  await place('document-review', doc, 'awaiting_approval', 'waiting');
  await place('document-review', doc, 'checks.scanning', 'running');
  await place('document-review', doc, 'published', 'succeeded');
  await place('document-review', doc, 'failed', 'failed');
  await place('hello-etl', { source: 'a' }, 'done', 'succeeded', '3 days');
  await place('hello-etl', { source: 'b' }, 'failed', 'failed', '2 hours');
});

describe('getPipelineView', () => {
  it('has the definition, its input as JSON Schema, and runs per state and status', async () => {
    const view = await getPipelineView(fx.engine, 'document-review', actor('tester'));
    expect(view).toMatchObject({
      id: 'document-review',
      version: 1,
      title: 'Document review',
      operatorEvents: ['approve', 'reject'],
      counts: { running: 1, waiting: 2, succeeded: 1, failed: 1, cancelled: 0 },
      schedules: [],
    });
    expect(view.inputSchema).toMatchObject({ type: 'object', required: ['documentId', 'title'] });
    expect(Object.getPrototypeOf((view.inputSchema.properties as object) ?? {})).toBe(Object.prototype);
    expect(view.stateCounts).toEqual([
      { state: 'awaiting_approval', status: 'waiting', count: 2 },
      { state: 'checks.scanning', status: 'running', count: 1 },
      { state: 'failed', status: 'failed', count: 1 },
      { state: 'published', status: 'succeeded', count: 1 },
    ]);
    expect(view.steps.map((s) => [s.name, s.states])).toEqual([
      ['intake', ['intake']],
      ['scan', ['checks.scanning']],
      ['classify', ['checks.classifying']],
      ['publish', ['publishing']],
    ]);
  });

  it('draws the number of runs in each state on the diagram', async () => {
    const view = await getPipelineView(fx.engine, 'document-review', actor('tester'));
    expect(view.diagrams.active).toContain('state "awaiting_approval (2)" as awaiting_approval');
    expect(view.diagrams.active).toContain('state "scanning / scan (1)" as checks__scanning');
    expect(view.diagrams.active).not.toContain('published (1)');
    expect(view.diagrams.all).toContain('published (1)');
    expect(view.diagrams.all).toContain('class failed failed');
    expect(view.mermaid).not.toContain('classDef');
  });

  it('is PIPELINE_NOT_FOUND (404) for an unknown pipeline', async () => {
    await expect(getPipelineView(fx.engine, 'nope', actor('tester'))).rejects.toMatchObject({
      code: 'PIPELINE_NOT_FOUND',
      status: 404,
    });
  });
});

describe('listPipelineSummaries', () => {
  it('gives every pipeline its run counts from one GROUP BY', async () => {
    const summaries = await listPipelineSummaries(fx.engine, actor('tester'));
    expect(summaries.map((s) => [s.id, s.total, s.counts.failed])).toEqual([
      ['document-review', 5, 1],
      ['hello-etl', 2, 1],
    ]);
    expect(summaries[1]!.schedules).toEqual([{ name: 'hourly', cron: '0 * * * *' }]);
  });
});
