import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAttempts } from '../../db/queries/list-attempts';
import { listTransitions } from '../../db/queries/list-transitions';
import { releaseDeadWorkers } from '../../db/queries/release-dead-workers';
import { upsertHeartbeat } from '../../db/queries/upsert-heartbeat';
import { actor } from '../../test-support/test-actors';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import { testEngine, waitForRun } from '../../test-support/test-engine';
import { blockingPipeline, probe } from '../../test-support/test-pipelines';
import type { Engine } from '../engine';
import { ActiveAttempts } from './active-attempts';
import { runStep, type StepWorkerContext } from './run-step';
import { RunningSteps, StepAborted } from './running-steps';
import { startRun } from './start-run';

// No job runner here: the test plays two workers delivering the same step job by hand.
let db: TestDatabase;
let engine: Engine;

beforeAll(async () => {
  db = await createTestDatabase();
  engine = testEngine(db, [blockingPipeline]);
});
afterAll(() => db.drop());

const workerCtx = (workerId: string): StepWorkerContext => ({
  workerId,
  running: new RunningSteps(),
  attempts: new ActiveAttempts(),
  actor: actor('worker'),
});
/** A heartbeat as a worker writes it: its sequence number and the attempts it is executing. */
const beat = (workerId: string, seq = 0, runningSteps: string[] = []) =>
  upsertHeartbeat(engine.db, {
    workerId,
    poolId: null,
    hostname: 'test',
    pid: 1,
    concurrency: 1,
    seq,
    runningSteps,
  });
const jobsOf = async (runId: string) =>
  (
    await engine.db.execute<{ id: string }>(
      sql`select id from graphile_worker._private_jobs where payload ->> 'runId' = ${runId}`,
    )
  ).length;
const startBlocking = async (blockMs: number) => {
  const { run } = await startRun(
    engine,
    { pipelineId: 'test-blocking', input: { blockMs } },
    actor('tester'),
  );
  return {
    run,
    payload: { runId: run.id, state: 'working', since: 1, attempt: 1 },
    key: `${run.id}:working:1`,
  };
};

describe('a step instance never runs on two live workers', () => {
  it('refuses a second claim while the owner runs it; once the owner is declared dead, a peer takes over and only its outcome counts', async () => {
    await beat('worker-a');
    await beat('worker-b');
    const { run, payload, key } = await startBlocking(1_500);
    const a = workerCtx('worker-a');
    const started = probe.whenStarted(run.id);
    const first = runStep(engine, payload, a);
    await started;

    // The same job again (released by mistake, delivered twice): refused, the handler does not run;
    // the job checks back later instead.
    const jobs = await jobsOf(run.id);
    expect(await runStep(engine, payload, workerCtx('worker-b'))).toBe('busy');
    expect(probe.calls.get(run.id)).toBe(1);
    expect(await jobsOf(run.id)).toBe(jobs + 1);
    // Still refused after the owner beats again, listing it.
    await beat('worker-a', 1, [key]);
    expect(await runStep(engine, payload, workerCtx('worker-b'))).toBe('busy');

    // worker-a's heartbeat is gone (a peer's sweep declared it dead): its attempt may be taken over.
    await engine.db.execute(sql`delete from worker_heartbeats where worker_id = 'worker-a'`);
    const second = runStep(engine, payload, workerCtx('worker-b'));
    await expect
      .poll(async () => (await listAttempts(engine.db, run.id)).map((x) => x.workerId))
      .toEqual(['worker-b']);

    // worker-a was alive after all: whatever it does now is not applied.
    expect(await first).toBe('stale');
    expect(await second).toBe('applied');
    const done = await waitForRun(engine, run.id);
    expect(done.status).toBe('succeeded');
    const attempts = await listAttempts(engine.db, run.id);
    expect(attempts.map((x) => [x.attempt, x.outcome, x.workerId])).toEqual([[1, 'succeeded', 'worker-b']]);
    const transitions = await listTransitions(engine.db, run.id);
    expect(transitions.filter((t) => t.event === 'step.block.done')).toHaveLength(1);
  });

  it('lets a peer take over an attempt its live owner no longer executes (its beat after the claim does not list it)', async () => {
    await beat('worker-e');
    await beat('worker-f');
    const { run, payload } = await startBlocking(1);
    // worker-e claimed the attempt under beat 0 and lost track of it (its database went away then).
    await engine.db.execute(sql`
      insert into step_attempts (run_id, state, step, attempt, run_version, worker_id, claim_seq, idempotency_key)
      values (${run.id}, 'working', 'block', 1, 1, 'worker-e', 0, ${`${run.id}:working:1`})`);
    expect(await runStep(engine, payload, workerCtx('worker-f'))).toBe('busy');
    // Its next beat does not list it: it is not executing it.
    await beat('worker-e', 1, []);
    expect(await runStep(engine, payload, workerCtx('worker-f'))).toBe('applied');
    expect((await listAttempts(engine.db, run.id)).map((x) => [x.outcome, x.workerId])).toEqual([
      ['succeeded', 'worker-f'],
    ]);
  });

  it('an interrupted zombie does not close the attempt its successor owns', async () => {
    await beat('worker-c');
    await beat('worker-d');
    const { run, payload } = await startBlocking(60_000);
    const c = workerCtx('worker-c');
    const started = probe.whenStarted(run.id);
    const zombie = runStep(engine, payload, c);
    await started;
    await engine.db.execute(sql`delete from worker_heartbeats where worker_id = 'worker-c'`);
    const d = workerCtx('worker-d');
    const successor = runStep(engine, payload, d);
    await expect
      .poll(async () => (await listAttempts(engine.db, run.id)).map((x) => x.workerId))
      .toEqual(['worker-d']);
    c.running.abortAll(new StepAborted('shutdown', 'zombie shuts down'));
    await expect(zombie).rejects.toMatchObject({ name: 'StepInterrupted' });
    expect((await listAttempts(engine.db, run.id)).map((x) => [x.outcome, x.workerId])).toEqual([
      ['running', 'worker-d'],
    ]);
    d.running.abortAll(new StepAborted('shutdown', 'test over'));
    await expect(successor).rejects.toMatchObject({ name: 'StepInterrupted' });
  });

  it('a job delivered twice to the same worker runs once', async () => {
    await beat('worker-g');
    const { run, payload } = await startBlocking(300);
    const g = workerCtx('worker-g');
    const results = await Promise.all([runStep(engine, payload, g), runStep(engine, payload, g)]);
    expect(results.sort()).toEqual(['applied', 'busy']);
    expect(probe.calls.get(run.id)).toBe(1);
  });
});

describe('the sweep', () => {
  const names = async () =>
    (
      await engine.db.execute<{ id: string }>(sql`select worker_id as id from worker_heartbeats order by 1`)
    ).map((r) => r.id);
  const pulseAge = async () => {
    const [row] = await engine.db.execute<{ s: number }>(
      sql`select extract(epoch from now() - steady_since)::int as s from heartbeat_pulse`,
    );
    return row!.s;
  };
  /** Heartbeats have flowed without a gap for a minute. */
  const steadyMinute = () =>
    engine.db.execute(sql`update heartbeat_pulse set steady_since = now() - interval '1 minute'`);

  it('judges nobody right after an outage: every row is old, but so is the last beat of anyone', async () => {
    await engine.db.execute(sql`delete from worker_heartbeats`);
    await beat('self');
    await beat('peer');
    await steadyMinute();
    // Nobody could beat for an hour (the database was away) ...
    await engine.db.execute(sql`update worker_heartbeats set last_seen_at = now() - interval '1 hour'`);
    await engine.db.execute(sql`update heartbeat_pulse set last_beat_at = now() - interval '1 hour'`);
    // ... and now the sweeper is back first: the gap restarts the pulse, peers get a full window.
    await beat('self');
    expect(await pulseAge()).toBe(0);
    expect(await releaseDeadWorkers(engine.db, { self: 'self', staleAfterMs: 5_000 })).toEqual([]);
    expect(await names()).toEqual(['peer', 'self']);
  });

  it('with heartbeats flowing for the window, releases a silent worker, but never the sweeper itself', async () => {
    await engine.db.execute(sql`delete from worker_heartbeats`);
    for (const id of ['self', 'peer', 'other']) await beat(id);
    await steadyMinute();
    await engine.db.execute(
      sql`update worker_heartbeats set last_seen_at = now() - interval '1 hour' where worker_id in ('self', 'peer')`,
    );
    const dead = await releaseDeadWorkers(engine.db, { self: 'self', staleAfterMs: 5_000 });
    expect(dead.map((d) => d.workerId)).toEqual(['peer']);
    expect(await names()).toEqual(['other', 'self']);
  });

  it('keeps the pulse steady while beats come in time, and restarts it after a gap', async () => {
    await steadyMinute();
    await beat('w');
    expect(await pulseAge()).toBeGreaterThanOrEqual(59);
    await engine.db.execute(sql`update heartbeat_pulse set last_beat_at = now() - interval '10 seconds'`);
    await beat('w');
    expect(await pulseAge()).toBe(0);
  });
});
