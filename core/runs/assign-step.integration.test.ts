import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setup } from 'xstate';
import { z } from 'zod';
import { listAttempts } from '../../db/queries/list-attempts';
import { STEP_OFFERS_CHANNEL, type StepOffer } from '../../db/queries/notify-run-changed';
import { releaseDeadWorkers } from '../../db/queries/release-dead-workers';
import { helloEtl } from '../../pipelines/hello-etl/hello-etl.pipeline';
import { actor, person } from '../../test-support/test-actors';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import { testEngine, testWorker, waitForRun } from '../../test-support/test-engine';
import type { WorkerHandle } from '../../worker/run-worker';
import { pausePipeline } from '../controls/pause-pipeline';
import { resumePipeline } from '../controls/resume-pipeline';
import { definePipeline } from '../definition/define-pipeline';
import type { Engine } from '../engine';
import { startRun } from './start-run';

/** One step, any note: a run whose input is too large to travel with its first step's offer. */
const notePipeline = definePipeline({
  id: 'note',
  version: 1,
  title: 'Note',
  description: 'one step that reads a note',
  input: z.object({ note: z.string() }),
  machine: setup({}).createMachine({
    id: 'note',
    initial: 'reading',
    states: {
      reading: { meta: { step: 'read' }, on: { 'step.read.done': 'done', 'step.read.failed': 'failed' } },
      done: { type: 'final' },
      failed: { type: 'final', tags: ['failed'] },
    },
  }),
  steps: { read: { run: async ({ input }) => ({ length: input.note.length }) } },
});

let db: TestDatabase;
let engine: Engine;
let workers: WorkerHandle[] = [];
const tester = actor('tester');

beforeAll(async () => {
  db = await createTestDatabase();
  engine = testEngine(db, [helloEtl, notePipeline]);
  // The queue knows the step task once a job of it was added: a start gives no worker a step before.
  const worker = await testWorker(db, engine);
  await waitForRun(engine, (await hello()).id);
  await worker.stop();
});
afterEach(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  workers = [];
  await engine.db.execute(sql`delete from idle_workers`);
});
afterAll(async () => {
  await db.drop();
});

async function hello(stepDelayMs = 0) {
  const { run } = await startRun(
    engine,
    { pipelineId: 'hello-etl', input: { source: 's', stepDelayMs } },
    tester,
  );
  return run;
}

/** The first step job of a run, as the queue holds it. */
async function firstJob(runId: string) {
  const [job] = await engine.db.execute<{ locked_by: string | null; attempts: number }>(sql`
    select locked_by, attempts from graphile_worker._private_jobs where payload ->> 'runId' = ${runId}`);
  return job;
}

async function offers(): Promise<Set<string>> {
  const rows = await engine.db.execute<{ worker_id: string }>(sql`select worker_id from idle_workers`);
  return new Set(rows.map((r) => r.worker_id));
}

/** Offers a worker that is not there, on this test's own (live) listen connection unless told otherwise. */
async function offerFakeWorker(
  options: { pid?: number; pipelines?: Record<string, number>; poolId?: string } = {},
) {
  const heard: StepOffer[] = [];
  await engine.listen(STEP_OFFERS_CHANNEL, (payload) => heard.push(JSON.parse(payload) as StepOffer));
  const session = engine.listenSession()!;
  await engine.db.execute(sql`
    insert into idle_workers (worker_id, pool_id, listen_pid, listen_started_at, claim_seq, pipelines)
    values ('fake-worker', ${options.poolId ?? 'fake-pool'}, ${options.pid ?? session.pid}, ${session.startedAt}::timestamptz, 7,
      ${JSON.stringify(options.pipelines ?? { 'hello-etl': helloEtl.version })}::jsonb)`);
  return heard;
}

describe('a new run given to an idle worker by its start', () => {
  it('is locked for the worker and its attempt opened in the start transaction; the offer carries the run', async () => {
    const heard = await offerFakeWorker();
    const run = await hello();
    // Nothing runs the step (the worker is not there): all of it was written by the start.
    expect(await firstJob(run.id)).toEqual({ locked_by: 'fake-pool', attempts: 1 });
    const attempts = await engine.db.execute<{ worker_id: string; claim_seq: number; outcome: string }>(sql`
      select worker_id, claim_seq::int, outcome from step_attempts where run_id = ${run.id}`);
    expect(attempts).toEqual([{ worker_id: 'fake-worker', claim_seq: 7, outcome: 'running' }]);
    expect(await offers()).toEqual(new Set());
    await expect.poll(() => heard.filter((o) => o.runId === run.id)).toHaveLength(1);
    const offer = heard.find((o) => o.runId === run.id)!;
    expect(offer).toMatchObject({ assignedTo: 'fake-worker', lockedBy: 'fake-pool', state: 'extracting' });
    expect(offer.attemptId).toBeTypeOf('number');
    expect(offer.run).toMatchObject({ id: run.id, pipelineId: 'hello-etl', status: 'running', version: 1 });
    expect(offer.run!.input).toMatchObject({ source: 's', stepDelayMs: 0 });
  });

  it('passes over a worker whose listen connection is gone, or that does not know the pipeline version', async () => {
    const fakes: { pid?: number; pipelines?: Record<string, number> }[] = [
      { pid: 1 },
      { pipelines: { 'hello-etl': helloEtl.version - 1 } },
      { pipelines: {} },
    ];
    for (const fake of fakes) {
      await offerFakeWorker(fake);
      const run = await hello();
      expect(await firstJob(run.id)).toEqual({ locked_by: null, attempts: 0 });
      expect(await listAttempts(engine.db, run.id)).toEqual([]);
      expect(await offers()).toEqual(new Set(['fake-worker']));
      await engine.db.execute(sql`delete from idle_workers`);
    }
  });

  it('passes over idle workers while the pipeline is paused: the run is held', async () => {
    await offerFakeWorker();
    await pausePipeline(engine, 'hello-etl', { reason: 'test' }, person('operator', 'ops@example.test'));
    try {
      const run = await hello();
      expect(run.status).toBe('queued');
      expect(await firstJob(run.id)).toEqual({ locked_by: null, attempts: 0 });
      expect(await offers()).toEqual(new Set(['fake-worker']));
    } finally {
      await resumePipeline(engine, 'hello-etl', {}, person('operator', 'ops@example.test'));
    }
  });

  it('an idle worker offers itself, runs the step it is given, and offers itself again', async () => {
    const worker = await testWorker(db, engine, { pollIntervalMs: 60_000 });
    workers.push(worker);
    await expect.poll(offers).toEqual(new Set([worker.workerId]));
    for (let i = 0; i < 3; i++) {
      const run = await hello();
      expect((await waitForRun(engine, run.id)).status).toBe('succeeded');
      const attempts = await listAttempts(engine.db, run.id);
      expect(attempts.map((a) => `${a.state}:${a.outcome}:${a.workerId}`)).toEqual(
        ['extracting', 'transforming', 'loading'].map((state) => `${state}:succeeded:${worker.workerId}`),
      );
      await expect.poll(offers).toEqual(new Set([worker.workerId]));
    }
  });

  it('a run too large for the offer is read by the worker it is given to', async () => {
    const worker = await testWorker(db, engine, { pollIntervalMs: 60_000 });
    workers.push(worker);
    await expect.poll(offers).toEqual(new Set([worker.workerId]));
    const note = 'x'.repeat(20_000);
    const { run } = await startRun(engine, { pipelineId: 'note', input: { note } }, tester);
    const done = await waitForRun(engine, run.id);
    expect(done.status).toBe('succeeded');
    const [attempt] = await listAttempts(engine.db, run.id);
    expect(attempt).toMatchObject({ outcome: 'succeeded', workerId: worker.workerId, attempt: 1 });
  });

  it('a step given to a worker that did not hear of it runs once that worker finds its job lost', async () => {
    const worker = await testWorker(db, engine);
    workers.push(worker);
    await expect.poll(offers).toEqual(new Set([worker.workerId]));
    const [{ pool_id: poolId } = { pool_id: '' }] = await engine.db.execute<{ pool_id: string }>(
      sql`select pool_id from worker_heartbeats where worker_id = ${worker.workerId}`,
    );
    // The step goes to the worker's pool under a name it does not answer to: as if its offer were lost.
    await engine.db.execute(sql`delete from idle_workers`);
    await offerFakeWorker({ poolId });
    const run = await hello();
    expect(await firstJob(run.id)).toEqual({ locked_by: poolId, attempts: 1 });
    // Its listen connection drops (as it would have, to lose the offer) and comes back.
    await engine.db.execute(sql`
      select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'signalbox-worker-listen'`);
    expect((await waitForRun(engine, run.id)).status).toBe('succeeded');
    const attempts = await listAttempts(engine.db, run.id);
    expect(attempts.map((a) => `${a.state}:${a.outcome}:${a.workerId}`)).toEqual(
      ['extracting', 'transforming', 'loading'].map((state) => `${state}:succeeded:${worker.workerId}`),
    );
  });

  it('a stopping worker withdraws its offer; a dead worker offer is swept', async () => {
    const worker = await testWorker(db, engine);
    await expect.poll(offers).toEqual(new Set([worker.workerId]));
    await worker.stop();
    expect(await offers()).toEqual(new Set());
    await offerFakeWorker({ pid: 1 });
    await releaseDeadWorkers(engine.db, { self: 'tester', staleAfterMs: 60_000 });
    expect(await offers()).toEqual(new Set());
  });
});
