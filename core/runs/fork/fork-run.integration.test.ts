import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../../db/queries/list-audit-events';
import { listTransitions } from '../../../db/queries/list-transitions';
import { documentReview } from '../../../pipelines/document-review/document-review.pipeline';
import { helloEtl } from '../../../pipelines/hello-etl/hello-etl.pipeline';
import { setUpTestEngine } from '../../../test-support/set-up-test-engine';
import { actor, person } from '../../../test-support/test-actors';
import { inState, waitForRun } from '../../../test-support/test-engine';
import { getRunPage } from '../get-run-page';
import { performOperatorAction } from '../perform-operator-action';
import { startRun } from '../start-run';
import { FULL_CONTEXT_EVERY } from '../transition/context-history';
import { forkFailedRuns } from './fork-failed-runs';
import { forkRun } from './fork-run';
import { getForkPoint } from './get-fork-point';

const fx = setUpTestEngine([helloEtl, documentReview], { worker: true });
const operator = person('operator');

const failedEtl = async () => {
  const { run } = await startRun(
    fx.engine,
    { pipelineId: 'hello-etl', input: { source: 'fork', rows: 7, simulateFailures: 1, stepDelayMs: 0 } },
    actor('tester'),
  );
  return waitForRun(fx.engine, run.id);
};

describe('forking a run', () => {
  it('starts a new run from the failed state with an edited context; the original is untouched', async () => {
    const original = await failedEtl();
    expect(original).toMatchObject({ status: 'failed', failedState: 'transforming' });
    const point = await getForkPoint(fx.engine, original.id, { state: 'transforming' }, operator);
    expect(point).toMatchObject({ state: 'transforming', visited: true, contextSchema: true });
    expect(point.context).toMatchObject({ extracted: 7, transformFailures: 0 });
    expect(point.states).toEqual(['extracting', 'transforming', 'loading', 'done', 'failed']);

    const edited = { ...(point.context as object), transformFailures: 1 };
    const { run: forked, diffSize } = await forkRun(
      fx.engine,
      original.id,
      { at: { state: 'transforming' }, context: edited, reason: 'skip the simulated failure' },
      operator,
    );
    expect(diffSize).toBe(1);
    expect(forked).toMatchObject({ state: 'transforming', status: 'running', idempotencyKey: null });
    const done = await waitForRun(fx.engine, forked.id);
    expect(done).toMatchObject({ status: 'succeeded', state: 'done' });
    expect(done.snapshot.context).toMatchObject({ loaded: 7, transformFailures: 1 });

    const after = await waitForRun(fx.engine, original.id);
    expect(after).toMatchObject({ status: 'failed', version: original.version });
    const [originalPage, forkPage] = await Promise.all([
      getRunPage(fx.engine, original.id, operator),
      getRunPage(fx.engine, forked.id, operator),
    ]);
    expect(originalPage.run.forks).toMatchObject([
      { id: forked.id, state: 'transforming', status: 'succeeded' },
    ]);
    expect(forkPage.run.forkedFrom).toEqual({
      runId: original.id,
      version: point.version,
      state: 'transforming',
    });
    expect(forkPage.transitions[0]).toMatchObject({
      event: 'signalbox.fork',
      fromState: null,
      toState: 'transforming',
    });

    const [audit] = await listAuditEvents(fx.engine.db, {
      action: 'run.fork',
      target: `run:${forked.id}`,
      limit: 5,
    });
    expect(audit).toMatchObject({
      actor: operator.name,
      reason: 'skip the simulated failure',
      outcome: 'accepted',
    });
    expect(audit!.details).toEqual({
      fromRunId: original.id,
      fromVersion: point.version,
      fromState: 'transforming',
      fromStatus: 'failed',
      pipelineVersion: 1,
      contextEdited: true,
      diffSize: 1,
    });
  });

  it('rebuilds the context of every version from full contexts and patches', async () => {
    const { run } = await startRun(
      fx.engine,
      { pipelineId: 'hello-etl', input: { source: 'history', rows: 3, stepDelayMs: 0 } },
      actor('tester'),
    );
    const done = await waitForRun(fx.engine, run.id);
    const rows = await listTransitions(fx.engine.db, run.id);
    const contexts = [];
    for (const row of rows) {
      contexts.push((await getForkPoint(fx.engine, run.id, { version: row.runVersion }, operator)).context);
    }
    expect(contexts.map((c) => (c as { loaded: number; extracted: number }).extracted)).toEqual([0, 3, 3, 3]);
    expect(contexts.at(-1)).toEqual(done.snapshot.context);
    expect(FULL_CONTEXT_EVERY).toBeGreaterThan(1);
  });

  it('forks a waiting run; both live on independently', async () => {
    const { run } = await startRun(
      fx.engine,
      { pipelineId: 'document-review', input: { documentId: 'F-1', title: 'Fork me', stepDelayMs: 0 } },
      actor('tester'),
    );
    const waiting = await waitForRun(fx.engine, run.id, inState('awaiting_approval'));
    const { run: forked } = await forkRun(
      fx.engine,
      run.id,
      { at: { state: 'awaiting_approval' }, reason: 'second opinion' },
      operator,
    );
    expect(forked).toMatchObject({ state: 'awaiting_approval', status: 'waiting' });
    // The fork sets its own approval timer.
    expect(Object.keys(forked.timers)).toHaveLength(1);
    await performOperatorAction(
      fx.engine,
      { kind: 'event', request: { runId: forked.id, type: 'reject' } },
      operator,
    );
    expect((await waitForRun(fx.engine, forked.id)).state).toBe('rejected');
    expect((await waitForRun(fx.engine, run.id, () => true)).version).toBe(waiting.version);
  });

  it('refuses what cannot be forked, with the reason, and audits the refusal', async () => {
    const original = await failedEtl();
    await expect(
      forkRun(
        fx.engine,
        original.id,
        { at: { state: 'transforming' }, context: { source: '' }, reason: 'x' },
        operator,
      ),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { fields: expect.arrayContaining([expect.objectContaining({ path: 'context.source' })]) },
    });
    await expect(
      forkRun(fx.engine, original.id, { at: { state: 'nowhere' }, reason: 'x' }, operator),
    ).rejects.toMatchObject({
      code: 'SNAPSHOT_INCOMPATIBLE',
      message: expect.stringContaining("cannot fork at 'nowhere'"),
    });
    await expect(
      forkRun(fx.engine, original.id, { at: { version: 99 }, reason: 'x' }, operator),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(
      forkRun(fx.engine, original.id, { at: { state: 'transforming' }, reason: '' }, operator),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(
      forkRun(fx.engine, original.id, { at: { state: 'transforming' }, reason: 'x' }, person('viewer')),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(getForkPoint(fx.engine, original.id, {}, person('viewer'))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const refusals = await listAuditEvents(fx.engine.db, {
      action: 'run.fork',
      outcome: 'refused',
      target: `run:${original.id}`,
      limit: 10,
    });
    expect(refusals.length).toBeGreaterThanOrEqual(3);
    // The refused context is never written down.
    expect(JSON.stringify(refusals.map((r) => r.details))).not.toContain('source');
  });

  it('forks every failed run of a filter with one patch: a dry run first, then the confirmed count', async () => {
    await Promise.all([failedEtl(), failedEtl()]);
    const filter = { pipeline: 'hello-etl' };
    const patch = [{ op: 'replace' as const, path: '/transformFailures', value: 1 }];
    const base = { filter, patch, reason: 'fixed upstream' };
    const preview = await forkFailedRuns(fx.engine, { ...base, dryRun: true }, operator);
    expect(preview.matched).toBeGreaterThanOrEqual(2);
    expect(preview).toMatchObject({ dryRun: true, forked: preview.matched, refused: 0 });
    expect(preview.forks.every((f) => f.forkId === null)).toBe(true);

    const broken = await forkFailedRuns(
      fx.engine,
      { ...base, patch: [{ op: 'remove', path: '/nope' }], dryRun: true },
      operator,
    );
    expect(broken.refused).toBe(broken.matched);
    expect(broken.refusals[0]!.message).toContain("the patch does not apply: 'nope' does not exist");

    await expect(
      forkFailedRuns(fx.engine, { ...base, dryRun: false, expectedCount: preview.matched + 1 }, operator),
    ).rejects.toMatchObject({ code: 'CONCURRENT_TRANSITION' });
    const done = await forkFailedRuns(
      fx.engine,
      { ...base, dryRun: false, expectedCount: preview.matched },
      operator,
    );
    expect(done).toMatchObject({ forked: preview.matched, refused: 0 });
    const finished = await Promise.all(done.forks.map((f) => waitForRun(fx.engine, f.forkId!)));
    expect(finished.every((r) => r.status === 'succeeded')).toBe(true);
  });
});
