import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getRun } from '../../db/queries/get-run';
import { listAttempts } from '../../db/queries/list-attempts';
import { listTransitions } from '../../db/queries/list-transitions';
import { documentReview } from '../../pipelines/document-review/document-review.pipeline';
import { helloEtl } from '../../pipelines/hello-etl/hello-etl.pipeline';
import { setUpTestEngine } from '../../test-support/set-up-test-engine';
import { actor } from '../../test-support/test-actors';
import { hasStatus, inState, waitForRun } from '../../test-support/test-engine';
import { probe, testPipelines } from '../../test-support/test-pipelines';
import { ActiveAttempts } from './active-attempts';
import { runStep } from './run-step';
import { RunningSteps } from './running-steps';
import { startRun } from './start-run';

const fx = setUpTestEngine([helloEtl, documentReview, ...testPipelines], { worker: true });

const start = async (pipelineId: string, input: Record<string, unknown>) =>
  (await startRun(fx.engine, { pipelineId, input }, actor('tester'))).run;

describe('running steps as jobs', () => {
  it('drives a linear pipeline to its final state, one transition per step', async () => {
    const run = await start('hello-etl', { source: 's', rows: 7, stepDelayMs: 0 });
    const done = await waitForRun(fx.engine, run.id);
    expect(done).toMatchObject({ status: 'succeeded', state: 'done', activeSteps: {} });
    expect(done.finishedAt).toBeInstanceOf(Date);
    expect((done.snapshot as { context: unknown }).context).toMatchObject({
      extracted: 7,
      transformed: 7,
      loaded: 7,
    });
    const transitions = await listTransitions(fx.engine.db, run.id);
    expect(transitions.map((t) => [t.fromState, t.event, t.toState, t.actor])).toEqual([
      [null, 'signalbox.start', 'extracting', 'tester'],
      ['extracting', 'step.extract.done', 'transforming', 'worker'],
      ['transforming', 'step.transform.done', 'loading', 'worker'],
      ['loading', 'step.load.done', 'done', 'worker'],
    ]);
    expect(transitions.slice(1).every((t) => t.durationMs !== null && t.durationMs >= 0)).toBe(true);
    const attempts = await listAttempts(fx.engine.db, run.id);
    expect(attempts.map((a) => [a.state, a.attempt, a.outcome])).toEqual([
      ['extracting', 1, 'succeeded'],
      ['transforming', 1, 'succeeded'],
      ['loading', 1, 'succeeded'],
    ]);
    expect(attempts[2]!.idempotencyKey).toBe(`${run.id}:loading:1`);
    expect(attempts[2]!.logs[0]!.msg).toContain(`${run.id}:loading:1`);
  });

  it('walks a compound state and waits for a manual event', async () => {
    const run = await start('document-review', { documentId: 'D', title: 'T', stepDelayMs: 0 });
    const waiting = await waitForRun(fx.engine, run.id, hasStatus('waiting'));
    expect(waiting.state).toBe('awaiting_approval');
    const states = (await listTransitions(fx.engine.db, run.id)).map((t) => t.toState);
    expect(states).toEqual(['intake', 'checks.scanning', 'checks.classifying', 'awaiting_approval']);
  });

  it('runs parallel steps and applies both outcomes', async () => {
    const run = await start('test-parallel', { blockMs: 20 });
    const done = await waitForRun(fx.engine, run.id);
    expect(done.status).toBe('succeeded');
    expect(probe.calls.get(run.id)).toBe(2);
    const events = (await listTransitions(fx.engine.db, run.id)).map((t) => t.event).sort();
    expect(events).toEqual(['signalbox.start', 'step.left.done', 'step.right.done']);
  });

  it('does nothing for a stale job, a finished run or an unknown run', async () => {
    const run = await start('hello-etl', { source: 's', stepDelayMs: 0 });
    const done = await waitForRun(fx.engine, run.id);
    const ctx = {
      workerId: 'test',
      running: new RunningSteps(),
      attempts: new ActiveAttempts(),
      actor: actor('worker'),
    };
    const stale = await runStep(fx.engine, { runId: run.id, state: 'extracting', since: 1, attempt: 1 }, ctx);
    expect(stale).toBe('stale');
    const unknown = await runStep(
      fx.engine,
      { runId: crypto.randomUUID(), state: 'x', since: 1, attempt: 1 },
      ctx,
    );
    expect(unknown).toBe('stale');
    const after = await getRun(fx.engine.db, run.id);
    expect(after!.version).toBe(done.version);
    expect(await listAttempts(fx.engine.db, run.id)).toHaveLength(3);
  });

  it('applies an outcome once when the same job is delivered twice', async () => {
    // Without a worker picking it up: run the same payload twice by hand, concurrently.
    const { run } = await startRun(fx.engine, { pipelineId: 'test-flaky', input: {} }, actor('tester'));
    const payload = { runId: run.id, state: 'working', since: 1, attempt: 1 };
    const ctx = {
      workerId: 'dup',
      running: new RunningSteps(),
      attempts: new ActiveAttempts(),
      actor: actor('worker'),
    };
    const results = await Promise.all([runStep(fx.engine, payload, ctx), runStep(fx.engine, payload, ctx)]);
    const final = await waitForRun(fx.engine, run.id);
    expect(final.status).toBe('succeeded');
    // The worker may have won the race too: whoever applied it, no execution applied it twice. A
    // delivery that found the attempt being executed (here, or by the live worker) checks back later.
    expect(results).toContain('busy');
    for (const result of results) expect(['applied', 'stale', 'busy']).toContain(result);
    const transitions = await listTransitions(fx.engine.db, run.id);
    expect(transitions.filter((t) => t.event === 'step.flaky.done')).toHaveLength(1);
  });
});

describe('retries, failures and timeouts', () => {
  it('retries a failing step by its policy and succeeds', async () => {
    const run = await start('test-flaky', { failTimes: 2 });
    const done = await waitForRun(fx.engine, run.id);
    expect(done.status).toBe('succeeded');
    const attempts = await listAttempts(fx.engine.db, run.id);
    expect(attempts.map((a) => [a.attempt, a.outcome])).toEqual([
      [1, 'failed'],
      [2, 'failed'],
      [3, 'succeeded'],
    ]);
    expect((attempts[0]!.error as { message: string }).message).toBe('planned failure 1');
    expect(attempts[0]!.logs.map((l) => l.msg)).toEqual(['call 1, attempt 1']);
    expect(attempts[2]!.logs.map((l) => l.msg)).toEqual(['call 3, attempt 3']);
  });

  it('lands in the failure state with the error kept when attempts run out', async () => {
    const run = await start('test-flaky', { failTimes: 5 });
    const failed = await waitForRun(fx.engine, run.id);
    expect(failed).toMatchObject({ status: 'failed', state: 'failed', failedState: 'working' });
    expect(failed.error).toMatchObject({
      message: 'planned failure 3',
      attempts: 3,
      step: 'flaky',
      state: 'working',
    });
    expect((failed.snapshot as { context: { error: unknown } }).context.error).toMatchObject({ attempts: 3 });
    const last = (await listTransitions(fx.engine.db, run.id)).at(-1)!;
    expect(last).toMatchObject({ fromState: 'working', event: 'step.flaky.failed', toState: 'failed' });
  });

  it('aborts a handler through its AbortSignal on timeout', async () => {
    const run = await start('test-slow', {});
    const failed = await waitForRun(fx.engine, run.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatchObject({ timedOut: true, attempts: 2 });
    expect(probe.abortedWith.get(run.id)).toBe('timeout');
    const attempts = await listAttempts(fx.engine.db, run.id);
    expect(attempts.map((a) => a.outcome)).toEqual(['timed_out', 'timed_out']);
  });

  it('fails a run whose snapshot no longer fits its definition with a clear error', async () => {
    const run = await start('test-blocking', { blockMs: 60_000 });
    await waitForRun(fx.engine, run.id, (r) => r.status === 'running');
    // Simulate a definition change under a live run: its state was renamed away.
    await fx.db.db.execute(
      sql`update runs set snapshot = jsonb_set(snapshot, '{value}', '"renamed"') where id = ${run.id}`,
    );
    // The job delivered again to the worker that runs it (another worker would be refused while it lives).
    const ctx = {
      workerId: fx.worker.workerId,
      running: new RunningSteps(),
      attempts: new ActiveAttempts(),
      actor: actor('worker'),
    };
    const result = await runStep(fx.engine, { runId: run.id, state: 'working', since: 1, attempt: 1 }, ctx);
    expect(result).toBe('run-failed');
    const failed = await waitForRun(fx.engine, run.id, inState('working'));
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatchObject({ code: 'SNAPSHOT_INCOMPATIBLE' });
    expect((failed.error as { message: string }).message).toContain("state 'renamed' does not exist");
  });
});
