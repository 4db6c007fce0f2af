import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { listAttempts } from '../../db/queries/list-attempts';
import { helloEtl } from '../../pipelines/hello-etl/hello-etl.pipeline';
import { actor } from '../../test-support/test-actors';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import { testEngine, testWorker, waitForRun } from '../../test-support/test-engine';
import type { WorkerHandle, WorkerOptions } from '../../worker/run-worker';
import type { Engine } from '../engine';
import { type Logger, silentLogger } from '../logger';
import { startRun } from './start-run';

let db: TestDatabase;
let engine: Engine;
let workers: WorkerHandle[] = [];
/** Debug lines of the workers under test. */
let lines: { msg: string; fields: Record<string, unknown> }[] = [];
const logger: Logger = {
  ...silentLogger,
  debug: (fields, msg) => lines.push({ msg: msg ?? '', fields: fields as Record<string, unknown> }),
  child: () => logger,
};

// No queue poll within a test: a job nobody takes or is woken for would wait a minute.
const NO_POLL: Partial<WorkerOptions> = { logger, pollIntervalMs: 60_000 };

beforeAll(async () => {
  db = await createTestDatabase();
  engine = testEngine(db, [helloEtl]);
  // The queue knows the step task once a job of it was added: before that, starts go to the queue.
  const worker = await testWorker(db, engine);
  await waitForRun(engine, (await hello(0)).id);
  await worker.stop();
});
afterEach(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  workers = [];
  lines = [];
});
afterAll(async () => {
  await db.drop();
});

async function hello(stepDelayMs: number) {
  const { run } = await startRun(
    engine,
    { pipelineId: 'hello-etl', input: { source: 's', stepDelayMs } },
    actor('tester'),
  );
  return run;
}
const firstStepLines = (runId: string) =>
  lines.filter((l) => l.msg === 'step job done' && l.fields.runId === runId);

/** Starts runs one after the other on an idle worker: once one is taken directly, each is. */
async function expectTakenDirectly(worker: WorkerHandle): Promise<void> {
  const runOne = async () => {
    // The last run's steps are over once its transition committed; their bookkeeping a moment later.
    await expect.poll(() => worker.idle()).toBe(true);
    const run = await hello(0);
    expect((await waitForRun(engine, run.id)).status).toBe('succeeded');
    expect((await listAttempts(engine.db, run.id)).map((a) => `${a.state}:${a.outcome}`)).toEqual([
      'extracting:succeeded',
      'transforming:succeeded',
      'loading:succeeded',
    ]);
    const [first, ...more] = firstStepLines(run.id);
    expect(more).toEqual([]);
    return first!.fields.offered === true;
  };
  // A queue runner that just started, or just finished a job, looks for the next one at once and
  // may take the job first; once the worker is idle, every start is taken directly.
  let offered = false;
  for (let i = 0; i < 5 && !offered; i++) offered = await runOne();
  expect(offered).toBe(true);
  for (let i = 0; i < 3; i++) expect(await runOne()).toBe(true);
}

describe('a new run offered to the workers directly', () => {
  it('is taken by an idle worker: the first step runs without the queue fetching it, once', async () => {
    const worker = await testWorker(db, engine, NO_POLL);
    workers.push(worker);
    await expectTakenDirectly(worker);
  });

  it('is taken directly with graphile-worker batching too: its idle runners wait on the local queue', async () => {
    const worker = await testWorker(db, engine, {
      ...NO_POLL,
      batching: { localQueueSize: 5, completeJobBatchDelayMs: 5 },
    });
    workers.push(worker);
    await expectTakenDirectly(worker);
  });

  it('with several idle workers, one takes it and every step runs once', async () => {
    workers.push(...(await Promise.all([1, 2, 3].map(() => testWorker(db, engine, NO_POLL)))));
    for (let i = 0; i < 10; i++) {
      const run = await hello(0);
      expect((await waitForRun(engine, run.id)).status).toBe('succeeded');
      expect(firstStepLines(run.id)).toHaveLength(1);
      expect((await listAttempts(engine.db, run.id)).map((a) => a.outcome)).toEqual([
        'succeeded',
        'succeeded',
        'succeeded',
      ]);
    }
  });

  it('a busy worker wakes its queue runners instead: the run starts at once, not at the next poll', async () => {
    workers.push(await testWorker(db, engine, { ...NO_POLL, concurrency: 2 }));
    const slow = await hello(5_000);
    await expect
      .poll(async () => (await listAttempts(engine.db, slow.id)).map((a) => a.outcome))
      .toEqual(['running']);
    const quick = await hello(0);
    expect((await waitForRun(engine, quick.id)).status).toBe('succeeded');
    // Taken through the queue (the worker was busy), while the slow run still runs.
    expect(firstStepLines(quick.id).map((l) => l.fields.offered)).toEqual([undefined]);
    expect((await listAttempts(engine.db, slow.id)).map((a) => a.outcome)).toEqual(['running']);
  });
});
