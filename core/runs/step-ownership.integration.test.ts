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
import { runStep, StepBusy, type StepWorkerContext } from './run-step';
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
  actor: actor('worker'),
});
const beat = (workerId: string) =>
  upsertHeartbeat(engine.db, { workerId, poolId: null, hostname: 'test', pid: 1, concurrency: 1 });

describe('a step instance never runs on two live workers', () => {
  it('refuses a second claim while the owner lives; after the owner is declared dead, the peer takes over and only its outcome counts', async () => {
    await beat('worker-a');
    await beat('worker-b');
    const { run } = await startRun(
      engine,
      { pipelineId: 'test-blocking', input: { blockMs: 1_500 } },
      actor('tester'),
    );
    const payload = { runId: run.id, state: 'working', since: 1, attempt: 1 };
    const a = workerCtx('worker-a');
    const started = probe.whenStarted(run.id);
    const first = runStep(engine, payload, a);
    await started;

    // The same job again (released by mistake, delivered twice): refused, the handler does not run.
    await expect(runStep(engine, payload, workerCtx('worker-b'))).rejects.toBeInstanceOf(StepBusy);
    expect(probe.calls.get(run.id)).toBe(1);

    // worker-a's heartbeat is gone (a peer's sweep declared it dead): its attempt may be taken over.
    const dead = await releaseDeadWorkers(engine.db, { self: 'worker-b', staleAfterMs: 0 });
    expect(dead.map((d) => d.workerId)).toEqual(['worker-a']);
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

  it('an interrupted zombie does not close the attempt its successor owns', async () => {
    await beat('worker-c');
    await beat('worker-d');
    const { run } = await startRun(
      engine,
      { pipelineId: 'test-blocking', input: { blockMs: 60_000 } },
      actor('tester'),
    );
    const payload = { runId: run.id, state: 'working', since: 1, attempt: 1 };
    const c = workerCtx('worker-c');
    const started = probe.whenStarted(run.id);
    const zombie = runStep(engine, payload, c);
    await started;
    await releaseDeadWorkers(engine.db, { self: 'worker-d', staleAfterMs: 0 });
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
});

describe('the sweep', () => {
  it('never declares its own worker dead', async () => {
    await beat('self');
    await beat('peer');
    await engine.db.execute(sql`update worker_heartbeats set last_seen_at = now() - interval '1 hour'`);
    const dead = await releaseDeadWorkers(engine.db, { self: 'self', staleAfterMs: 5_000 });
    expect(dead.map((d) => d.workerId).sort()).toEqual(expect.arrayContaining(['peer']));
    expect(dead.map((d) => d.workerId)).not.toContain('self');
    const [row] = await engine.db.execute<{ n: number }>(
      sql`select count(*)::int as n from worker_heartbeats where worker_id = 'self'`,
    );
    expect(row!.n).toBe(1);
  });
});
