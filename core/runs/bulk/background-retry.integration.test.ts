import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { person } from '../../../test-support/test-actors';
import { createTestDatabase, type TestDatabase } from '../../../test-support/test-database';
import { testEngine, testWorker } from '../../../test-support/test-engine';
import { flakyPipeline } from '../../../test-support/test-pipelines';
import type { WorkerHandle } from '../../../worker/run-worker';
import type { Engine } from '../../engine';
import { startRuns } from '../start-runs';
import { findBulkAction } from './bulk-action-view';
import { startBackgroundRetry } from './start-background-retry';

const RUNS = 450; // more than two batches
const operator = person('operator');
let db: TestDatabase;
let engine: Engine;
let worker: WorkerHandle;

const countByStatus = async (status: string) => {
  const [row] = await db.db.execute<{ n: number }>(
    sql`select count(*)::int as n from runs where pipeline_id = 'test-flaky' and status = ${status}`,
  );
  return row!.n;
};

beforeAll(async () => {
  db = await createTestDatabase();
  engine = testEngine(db, [flakyPipeline]);
  worker = await testWorker(db, engine, { concurrency: 8 });
  // Each fails its three attempts; a retry's fourth call succeeds.
  await startRuns(
    engine,
    { pipelineId: 'test-flaky', runs: Array.from({ length: RUNS }, () => ({ input: { failTimes: 3 } })) },
    operator,
  );
  const deadline = Date.now() + 150_000;
  while ((await countByStatus('failed')) < RUNS) {
    if (Date.now() > deadline) throw new Error('the runs did not all fail in time');
    await new Promise((r) => setTimeout(r, 500));
  }
}, 180_000);
afterAll(async () => {
  await worker.stop();
  await db.drop();
});

describe('a background bulk retry', () => {
  const request = { filter: { pipeline: 'test-flaky' }, reason: 'source fixed', expectedCount: RUNS };

  it('counts first, refuses a changed count and viewers, and starts nothing for a preview', async () => {
    expect(await startBackgroundRetry(engine, { ...request, preview: true }, operator)).toEqual({
      matched: RUNS,
    });
    await expect(
      startBackgroundRetry(engine, { ...request, expectedCount: RUNS - 1 }, operator),
    ).rejects.toMatchObject({ code: 'CONCURRENT_TRANSITION' });
    await expect(startBackgroundRetry(engine, request, person('viewer'))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const [row] = await db.db.execute<{ n: number }>(sql`select count(*)::int as n from bulk_actions`);
    expect(row!.n).toBe(0);
  });

  it('retries every matching failed run in batches, records its progress, and audits each retry', async () => {
    const { matched, bulkAction } = await startBackgroundRetry(engine, request, operator);
    expect(matched).toBe(RUNS);
    expect(bulkAction).toMatchObject({ status: 'running', matched: RUNS, actor: operator.name });
    const seen: number[] = [];
    await expect
      .poll(
        async () => {
          const now = await findBulkAction(engine, bulkAction!.id, person('viewer'));
          seen.push(now.done);
          return now.status;
        },
        { timeout: 120_000, interval: 200 },
      )
      .toBe('succeeded');
    const done = await findBulkAction(engine, bulkAction!.id, operator);
    expect(done).toMatchObject({ done: RUNS, refused: 0, error: null });
    // Progress only grows.
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    await expect.poll(() => countByStatus('succeeded'), { timeout: 60_000, interval: 500 }).toBe(RUNS);
    const audit = await db.db.execute<{ action: string; actor: string; n: number }>(sql`
      select action, actor, count(*)::int as n from audit_events
      where action in ('runs.bulk-retry-failed', 'run.retry') group by 1, 2 order by 1`);
    expect(audit).toEqual([
      { action: 'run.retry', actor: `bulk-action:${bulkAction!.id}`, n: RUNS },
      { action: 'runs.bulk-retry-failed', actor: operator.name, n: 1 },
    ]);
  });

  it('meets each run once, even when its retry fails again at once (runs of one start share a creation time)', async () => {
    const again = 250;
    await startRuns(
      engine,
      {
        pipelineId: 'test-flaky',
        runs: Array.from({ length: again }, () => ({ input: { failTimes: 1_000 } })),
      },
      operator,
    );
    await expect.poll(() => countByStatus('failed'), { timeout: 120_000, interval: 500 }).toBe(again);
    const { bulkAction } = await startBackgroundRetry(engine, { ...request, expectedCount: again }, operator);
    await expect
      .poll(async () => (await findBulkAction(engine, bulkAction!.id, operator)).status, {
        timeout: 120_000,
        interval: 200,
      })
      .toBe('succeeded');
    expect(await findBulkAction(engine, bulkAction!.id, operator)).toMatchObject({ done: again, refused: 0 });
  });

  it('answers 404 for an unknown bulk action', async () => {
    await expect(findBulkAction(engine, 'nope', operator)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
