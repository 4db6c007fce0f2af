import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { listAttempts } from '../../db/queries/list-attempts';
import { listTransitions } from '../../db/queries/list-transitions';
import type { RunChangedNotice } from '../../db/queries/notify-run-changed';
import { helloEtl } from '../../pipelines/hello-etl/hello-etl.pipeline';
import { cancelRun } from '../../test-support/operator-commands';
import { actor } from '../../test-support/test-actors';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import { hasStatus, testEngine, testWorker, waitForRun } from '../../test-support/test-engine';
import { crashChainPipeline } from '../../test-support/test-pipelines';
import { waitForLine } from '../../test-support/wait-for-line';
import type { WorkerHandle, WorkerOptions } from '../../worker/run-worker';
import type { Engine } from '../engine';
import { watchRunChanges } from '../live/watch-run-changes';
import { type Logger, silentLogger } from '../logger';
import { startRun } from './start-run';

const ROOT = join(import.meta.dirname, '..', '..');
let db: TestDatabase;
let engine: Engine;
let worker: WorkerHandle | undefined;
/** Debug lines of the worker under test, by message. */
let lines: { msg: string; fields: Record<string, unknown> }[] = [];

const logger: Logger = {
  ...silentLogger,
  debug: (fields, msg) => lines.push({ msg: msg ?? '', fields: fields as Record<string, unknown> }),
  child: () => logger,
};

beforeAll(async () => {
  db = await createTestDatabase();
  engine = testEngine(db, [helloEtl, crashChainPipeline('finish')]);
});
afterEach(async () => {
  await worker?.stop();
  worker = undefined;
  lines = [];
});
afterAll(async () => {
  await db.drop();
});

const startWith = async (options: Partial<WorkerOptions> = {}) => {
  worker = await testWorker(db, engine, { logger, ...options });
};
const helloRun = async () =>
  (
    await startRun(
      engine,
      { pipelineId: 'hello-etl', input: { source: 's', stepDelayMs: 0 } },
      actor('tester'),
    )
  ).run;
const linesOf = (runId: string, msg: string) =>
  lines.filter((l) => l.msg === msg && l.fields.runId === runId);
const jobsOf = async (runId: string) => {
  const [row] = await db.db.execute<{ n: number }>(
    sql`select count(*)::int as n from graphile_worker._private_jobs where payload->>'runId' = ${runId}`,
  );
  return row!.n;
};

describe('a worker continuing a run itself', () => {
  it('runs the next steps through jobs handed to it, with the same transitions, and leaves no job behind', async () => {
    await startWith();
    const run = await helloRun();
    const done = await waitForRun(engine, run.id);
    expect(done.status).toBe('succeeded');
    expect((await listTransitions(engine.db, run.id)).map((t) => t.event)).toEqual([
      'signalbox.start',
      'step.extract.done',
      'step.transform.done',
      'step.load.done',
    ]);
    expect((await listAttempts(engine.db, run.id)).map((a) => a.outcome)).toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
    ]);
    // One job fetched from the queue; the two steps after it were handed to the same worker.
    expect(linesOf(run.id, 'step job done')).toHaveLength(1);
    const handed = linesOf(run.id, 'handed step job done');
    expect(handed.map((l) => l.fields.state)).toEqual(['transforming', 'loading']);
    // The chain's own job row carries it on: the second hand-off updates it, inserts none.
    expect(new Set(handed.map((l) => l.fields.jobId)).size).toBe(1);
    await expect.poll(() => jobsOf(run.id)).toBe(0);
  });

  it("announces its transitions after they commit, batched: a listener hears the run's last version", async () => {
    await startWith();
    const heard: RunChangedNotice[] = [];
    const unlisten = await watchRunChanges(engine, (notice) => heard.push(notice));
    try {
      const run = await helloRun();
      const done = await waitForRun(engine, run.id);
      await expect
        .poll(() => heard.filter((n) => n.runId === run.id).at(-1))
        .toMatchObject({ status: 'succeeded', state: 'done', version: done.version });
    } finally {
      await unlisten();
    }
  });

  it('hands the run back to the queue after maxChainedSteps', async () => {
    await startWith({ maxChainedSteps: 1 });
    const run = await helloRun();
    expect((await waitForRun(engine, run.id)).status).toBe('succeeded');
    expect(linesOf(run.id, 'handed step job done')).toHaveLength(1);
    expect(linesOf(run.id, 'step job done')).toHaveLength(2);
    await expect.poll(() => jobsOf(run.id)).toBe(0);
  });

  it('with maxChainedSteps 0 runs every step through the queue', async () => {
    await startWith({ maxChainedSteps: 0 });
    const run = await helloRun();
    expect((await waitForRun(engine, run.id)).status).toBe('succeeded');
    expect(linesOf(run.id, 'handed step job done')).toHaveLength(0);
    expect(linesOf(run.id, 'step job done')).toHaveLength(3);
  });
});

describe('a handed step', () => {
  it('is aborted by a cancel, as any running step', async () => {
    const hanging = testEngine(db, [crashChainPipeline('hang')]);
    worker = await testWorker(db, hanging, { logger });
    const { run } = await startRun(hanging, { pipelineId: 'test-crash-chain', input: {} }, actor('tester'));
    await expect
      .poll(async () => (await listAttempts(engine.db, run.id)).map((a) => `${a.state}:${a.outcome}`))
      .toEqual(['preparing:succeeded', 'working:running']);
    await cancelRun(engine, { runId: run.id, actor: 'operator', reason: 'stop' });
    await expect
      .poll(async () => (await listAttempts(engine.db, run.id)).map((a) => a.outcome))
      .toEqual(['succeeded', 'aborted']);
    expect((await waitForRun(engine, run.id, hasStatus('cancelled'))).state).toBe('working');
    await expect.poll(() => jobsOf(run.id)).toBe(0);
  });

  it("of a killed worker is released by a live worker's sweep and runs once more; the run moves on once", async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'test-support/worker-process.ts'), db.url, 'chain'],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      const deadWorkerId = (await waitForLine(child, /^ready (.+)$/m))[1]!;
      const { run } = await startRun(engine, { pipelineId: 'test-crash-chain', input: {} }, actor('tester'));
      await expect
        .poll(
          async () => (await listAttempts(engine.db, run.id)).map((a) => [a.state, a.outcome, a.workerId]),
          {
            timeout: 15_000,
          },
        )
        .toEqual([
          ['preparing', 'succeeded', deadWorkerId],
          ['working', 'running', deadWorkerId],
        ]);
      // The queue's job was completed with the first transition: only the handed job is left, locked.
      const [locked] = await db.db.execute<{ n: number; handed: number }>(
        sql`select count(*)::int as n, count(*) filter (where payload->>'state' = 'working')::int as handed
            from graphile_worker._private_jobs where locked_by is not null and payload->>'runId' = ${run.id}`,
      );
      expect(locked).toEqual({ n: 1, handed: 1 });
      child.kill('SIGKILL');
      await once(child, 'exit');

      worker = await testWorker(db, engine);
      const done = await waitForRun(engine, run.id, undefined, 30_000);
      expect(done.status).toBe('succeeded');
      expect(
        (done.snapshot as { context: { result: { finishedBy: number } } }).context.result.finishedBy,
      ).toBe(process.pid);
      const events = (await listTransitions(engine.db, run.id)).map((t) => t.event);
      expect(events.filter((e) => e === 'step.fragile.done')).toHaveLength(1);
      expect(events.filter((e) => e === 'step.prepare.done')).toHaveLength(1);
      await expect.poll(() => jobsOf(run.id)).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
