import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { listAttempts } from '../../db/queries/list-attempts';
import { listTransitions } from '../../db/queries/list-transitions';
import { documentReview } from '../../pipelines/document-review/document-review.pipeline';
import { helloEtl } from '../../pipelines/hello-etl/hello-etl.pipeline';
import { cancelRun, retryRun, sendEvent } from '../../test-support/operator-commands';
import { setUpTestEngine } from '../../test-support/set-up-test-engine';
import { actor } from '../../test-support/test-actors';
import { hasStatus, waitForRun } from '../../test-support/test-engine';
import { probe, testPipelines } from '../../test-support/test-pipelines';
import { ConcurrentTransition, TransitionNotAllowed } from '../errors';
import { startRun } from './start-run';

const fx = setUpTestEngine([helloEtl, documentReview, ...testPipelines], { worker: true });

const start = async (pipelineId: string, input: Record<string, unknown>) =>
  (await startRun(fx.engine, { pipelineId, input }, actor('tester'))).run;

const auditOf = (runId: string) =>
  fx.db.db.execute<{
    action: string;
    actor: string;
    reason: string | null;
    outcome: string;
    details: Record<string, unknown>;
  }>(
    sql`select action, actor, reason, outcome, details from audit_events where run_id = ${runId} and action <> 'run.start' order by id`,
  );

describe('retryRun', () => {
  it('re-enters the failed step, which then succeeds, and audits who and why', async () => {
    const run = await start('hello-etl', { source: 's', simulateFailures: 1, stepDelayMs: 0 });
    const failed = await waitForRun(fx.engine, run.id);
    expect(failed).toMatchObject({ status: 'failed', failedState: 'transforming' });
    const { getRunPage } = await import('./get-run-page');
    expect((await getRunPage(fx.engine, run.id, actor('test'))).run.allowedActions).toEqual([
      'retry',
      'cancel',
    ]);

    const retried = await retryRun(fx.engine, { runId: run.id, actor: 'alice', reason: 'upstream fixed' });
    expect(retried).toMatchObject({ state: 'transforming', status: 'running', error: null });
    const done = await waitForRun(fx.engine, run.id);
    expect(done.status).toBe('succeeded');

    const transitions = await listTransitions(fx.engine.db, run.id);
    expect(transitions.map((t) => t.event)).toContain('signalbox.retry');
    expect(transitions.find((t) => t.event === 'signalbox.retry')).toMatchObject({
      fromState: 'failed',
      toState: 'transforming',
      actor: 'alice',
    });
    // Attempt numbers continue, so idempotency keys stay unique across the retry.
    const attempts = (await listAttempts(fx.engine.db, run.id)).filter((a) => a.state === 'transforming');
    expect(attempts.map((a) => [a.attempt, a.outcome])).toEqual([
      [1, 'failed'],
      [2, 'failed'],
      [3, 'succeeded'],
    ]);
    expect(await auditOf(run.id)).toEqual([
      {
        action: 'run.retry',
        actor: 'alice',
        reason: 'upstream fixed',
        outcome: 'accepted',
        details: expect.objectContaining({ event: 'signalbox.retry' }),
      },
    ]);
  });

  it('refuses a run that did not fail, naming the state and what is allowed, and audits the refusal', async () => {
    const run = await start('document-review', { documentId: 'D', title: 'T', stepDelayMs: 0 });
    await waitForRun(fx.engine, run.id, hasStatus('waiting'));
    const error = await retryRun(fx.engine, { runId: run.id, actor: 'bob', reason: 'why not' }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(TransitionNotAllowed);
    expect(error.status).toBe(409);
    expect(error.message).toContain("'retry' is not allowed in state 'awaiting_approval'");
    expect(error.details).toMatchObject({
      state: 'awaiting_approval',
      allowedEvents: ['approve', 'reject', 'cancel'],
    });
    expect(error.details.allowedActions).toEqual(['cancel', 'approve', 'reject']);
    expect(await auditOf(run.id)).toEqual([
      {
        action: 'run.retry',
        actor: 'bob',
        reason: 'why not',
        outcome: 'refused',
        details: expect.objectContaining({ code: 'TRANSITION_NOT_ALLOWED' }),
      },
    ]);
  });
});

describe('sendEvent', () => {
  it('approves a waiting run, which then publishes', async () => {
    const run = await start('document-review', { documentId: 'D', title: 'T', stepDelayMs: 0 });
    const waiting = await waitForRun(fx.engine, run.id, hasStatus('waiting'));
    const approved = await sendEvent(fx.engine, {
      runId: run.id,
      actor: 'carol',
      reason: 'looks right',
      type: 'approve',
      payload: { reviewer: 'carol', comment: 'ok' },
      expectedVersion: waiting.version,
    });
    expect(approved.state).toBe('publishing');
    const done = await waitForRun(fx.engine, run.id);
    expect(done).toMatchObject({ status: 'succeeded', state: 'published' });
    expect((done.snapshot as { context: unknown }).context).toMatchObject({
      reviewer: 'carol',
      comment: 'ok',
      category: 'letter',
    });
  });

  it('raises TransitionNotAllowed for an event the state cannot take, instead of ignoring it', async () => {
    const run = await start('document-review', { documentId: 'D', title: 'T', stepDelayMs: 5_000 });
    const error = await sendEvent(fx.engine, { runId: run.id, actor: 'dave', type: 'approve' }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(TransitionNotAllowed);
    expect(error.details).toMatchObject({ state: 'intake', attempted: 'approve', allowedEvents: ['cancel'] });
    const reserved = await sendEvent(fx.engine, {
      runId: run.id,
      actor: 'dave',
      type: 'step.intake.done',
    }).catch((e) => e);
    expect(reserved).toMatchObject({ code: 'EVENT_RESERVED', status: 400 });
    const audits = await auditOf(run.id);
    expect(audits.map((a) => [a.action, a.outcome, a.details.code])).toEqual([
      ['run.event', 'refused', 'TRANSITION_NOT_ALLOWED'],
      ['run.event', 'refused', 'EVENT_RESERVED'],
    ]);
    await cancelRun(fx.engine, { runId: run.id, actor: 'dave' });
  });

  it('answers 404 for an unknown run and audits it', async () => {
    const error = await sendEvent(fx.engine, { runId: 'not-a-uuid', actor: 'eve', type: 'approve' }).catch(
      (e) => e,
    );
    expect(error).toMatchObject({ code: 'RUN_NOT_FOUND', status: 404 });
    const [row] = await fx.db.db.execute<{ n: number }>(
      sql`select count(*)::int as n from audit_events where actor = 'eve' and outcome = 'refused'`,
    );
    expect(row!.n).toBe(1);
  });
});

describe('cancelRun', () => {
  it('cancels a running run and aborts its running step through the AbortSignal', async () => {
    const run = await start('test-blocking', {});
    const started = probe.whenStarted(run.id);
    await started;
    const cancelled = await cancelRun(fx.engine, { runId: run.id, actor: 'frank', reason: 'wrong file' });
    expect(cancelled).toMatchObject({ status: 'cancelled', activeSteps: {} });
    await waitForRun(fx.engine, run.id, () => probe.abortedWith.get(run.id) === 'StepAborted:cancel');
    const attempts = await listAttempts(fx.engine.db, run.id);
    await expect.poll(async () => (await listAttempts(fx.engine.db, run.id))[0]?.outcome).toBe('aborted');
    expect(attempts).toHaveLength(1);
    expect(probe.calls.get(run.id)).toBe(1);
  });

  it("takes the machine's own cancel event when it has one", async () => {
    const run = await start('document-review', { documentId: 'D', title: 'T', stepDelayMs: 0 });
    await waitForRun(fx.engine, run.id, hasStatus('waiting'));
    const cancelled = await cancelRun(fx.engine, { runId: run.id, actor: 'gina' });
    expect(cancelled).toMatchObject({ status: 'cancelled', state: 'cancelled' });
    const again = await cancelRun(fx.engine, { runId: run.id, actor: 'gina' }).catch((e) => e);
    expect(again).toBeInstanceOf(TransitionNotAllowed);
    expect(again.details).toMatchObject({ status: 'cancelled', allowedActions: [] });
  });

  it('lets exactly one of a concurrent retry and cancel win; the other gets a 409', async () => {
    const run = await start('hello-etl', { source: 's', simulateFailures: 1, stepDelayMs: 0 });
    const failed = await waitForRun(fx.engine, run.id);
    expect(failed.status).toBe('failed');
    const results = await Promise.allSettled([
      // Both operators looked at the same version of the failed run (as the console sends it).
      retryRun(fx.engine, {
        runId: run.id,
        actor: 'h1',
        reason: 'try again',
        expectedVersion: failed.version,
      }),
      cancelRun(fx.engine, {
        runId: run.id,
        actor: 'h2',
        reason: 'give up',
        expectedVersion: failed.version,
      }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason.status).toBe(409);
    const outcomes = await auditOf(run.id);
    expect(outcomes.map((a) => a.outcome).sort()).toEqual(['accepted', 'refused']);

    const review = await start('document-review', { documentId: 'D', title: 'T', stepDelayMs: 0 });
    const waiting = await waitForRun(fx.engine, review.id, hasStatus('waiting'));
    const race = await Promise.allSettled([
      sendEvent(fx.engine, {
        runId: review.id,
        actor: 'i1',
        type: 'approve',
        expectedVersion: waiting.version,
      }),
      cancelRun(fx.engine, { runId: review.id, actor: 'i2', expectedVersion: waiting.version }),
    ]);
    expect(race.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const loser = (race.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason;
    expect([ConcurrentTransition, TransitionNotAllowed].some((c) => loser instanceof c)).toBe(true);
    const accepted = await fx.db.db.execute<{ n: number }>(
      sql`select count(*)::int as n from audit_events where run_id = ${review.id} and outcome = 'accepted' and action <> 'run.start'`,
    );
    expect(accepted[0]!.n).toBe(1);
  });

  it('refuses a stale expectedVersion with ConcurrentTransition', async () => {
    const run = await start('document-review', { documentId: 'D', title: 'T', stepDelayMs: 0 });
    await waitForRun(fx.engine, run.id, hasStatus('waiting'));
    const error = await cancelRun(fx.engine, { runId: run.id, actor: 'j', expectedVersion: 1 }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(ConcurrentTransition);
    expect(error.message).toMatch(/expected version 1, found \d+/);
  });
});
