import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { limitedPipelines } from '../../test-support/limited-pipelines';
import { person } from '../../test-support/test-actors';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import { testEngine, testWorker, waitForRun } from '../../test-support/test-engine';
import type { WorkerHandle } from '../../worker/run-worker';
import type { Engine } from '../engine';
import { startRun } from '../runs/start-run';
import { fillWaitingSlots } from './fill-waiting-slots';

let db: TestDatabase;
const engines: Engine[] = [];
let worker: WorkerHandle | undefined;
const operator = person('operator', 'ops@example.test');

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await worker?.stop();
  await Promise.all(engines.map((e) => e.close()));
  await db?.drop();
});

/** An engine with `test-limited-pair` deployed at this limit (`null`: no limit). */
const deployed = (pairLimit: number | null) => {
  const engine = testEngine(db, limitedPipelines({ pairLimit }));
  engines.push(engine);
  return engine;
};

describe('a deploy that changes a concurrency limit', () => {
  it('starts the waiting runs the new limit allows, oldest first, when a worker starts', async () => {
    const before = deployed(2);
    const runs: Awaited<ReturnType<typeof startRun>>['run'][] = [];
    for (let i = 0; i < 5; i++) {
      runs.push(
        (await startRun(before, { pipelineId: 'test-limited-pair', input: { feed: `f${i}` } }, operator)).run,
      );
    }
    expect(runs.map((r) => r.status)).toEqual(['running', 'running', 'queued', 'queued', 'queued']);
    const statuses = async () =>
      Promise.all(runs.map(async (r) => (await waitForRun(before, r.id, () => true)).status));

    // Raised to 4: the two oldest waiting runs start, the last one still waits.
    const raised = deployed(4);
    expect(await fillWaitingSlots(raised)).toBe(2);
    expect(await statuses()).toEqual(['running', 'running', 'running', 'running', 'queued']);
    expect(await fillWaitingSlots(raised)).toBe(0);

    // The limit removed: a worker of that deploy starts the last one as it starts, then runs them all.
    const unlimited = deployed(null);
    worker = await testWorker(db, unlimited);
    const done = await Promise.all(runs.map((r) => waitForRun(unlimited, r.id)));
    expect(done.map((r) => r.status)).toEqual(Array(5).fill('succeeded'));
  });
});
