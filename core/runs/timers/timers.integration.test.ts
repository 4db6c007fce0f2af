import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { listAttempts } from '../../../db/queries/list-attempts';
import { listAuditEvents } from '../../../db/queries/list-audit-events';
import { listTransitions } from '../../../db/queries/list-transitions';
import { documentReview } from '../../../pipelines/document-review/document-review.pipeline';
import { deadlinePipeline } from '../../../test-support/deadline-pipeline';
import { setUpTestEngine } from '../../../test-support/set-up-test-engine';
import { actor, person } from '../../../test-support/test-actors';
import { hasStatus, inState, testWorker, waitForRun } from '../../../test-support/test-engine';
import { waitForLine } from '../../../test-support/wait-for-line';
import { performOperatorAction } from '../perform-operator-action';
import { startRun } from '../start-run';
import { fireTimer } from './fire-timer';
import { operateTimer } from './operate-timer';

const ROOT = join(import.meta.dirname, '../../..');
const fx = setUpTestEngine([documentReview, deadlinePipeline]);
const APPROVAL_EVENT = 'xstate.after.approvalTimeout.document-review.awaiting_approval';

const startReview = async (approvalTimeoutMs: number) =>
  (
    await startRun(
      fx.engine,
      {
        pipelineId: 'document-review',
        input: { documentId: 'D-1', title: 'Timers', stepDelayMs: 0, approvalTimeoutMs },
      },
      actor('tester'),
    )
  ).run;

const timerJobs = async (runId: string) => {
  const rows = await fx.db.db.execute<{ run_at: Date; payload: { dueAt: string } }>(sql`
    select j.run_at, j.payload from graphile_worker._private_jobs j
      join graphile_worker._private_tasks t on t.id = j.task_id
    where t.identifier = 'signalbox.timer' and j.payload->>'runId' = ${runId} order by j.id`);
  return [...rows];
};

describe('durable timers', () => {
  it('expire a waiting approval even when the worker holding the run is killed while the timer is pending', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'test-support/worker-process.ts'), fx.db.url],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const exited = once(child, 'exit');
    await waitForLine(child, /^ready /m);
    try {
      await killedWhilePending(child, exited);
    } finally {
      child.kill('SIGKILL');
    }
  });

  async function killedWhilePending(child: ChildProcess, exited: Promise<unknown>) {
    const run = await startReview(2_500);
    const waiting = await waitForRun(fx.engine, run.id, inState('awaiting_approval'));
    const timer = waiting.timers[APPROVAL_EVENT]!;
    expect(timer).toMatchObject({ state: 'awaiting_approval', delay: 'approvalTimeout', delayMs: 2_500 });
    // The job was written by the transition that entered the state, due when the timer is.
    const entered = (await listTransitions(fx.engine.db, run.id)).at(-1)!;
    expect(timer.since).toBe(entered.runVersion);
    const [job] = await timerJobs(run.id);
    expect(new Date(job!.run_at).toISOString()).toBe(timer.dueAt);

    child.kill('SIGKILL');
    await exited;
    expect((await waitForRun(fx.engine, run.id, () => true)).state).toBe('awaiting_approval');

    const worker = await testWorker(fx.db, fx.engine);
    try {
      const expired = await waitForRun(fx.engine, run.id, undefined, 20_000);
      expect(expired).toMatchObject({ state: 'expired', status: 'failed', timers: {} });
      expect(expired.error).toMatchObject({
        kind: 'timed_out',
        state: 'awaiting_approval',
        delay: 'approvalTimeout',
      });
      expect(expired.error!.message).toContain(
        "state 'awaiting_approval' timed out after approvalTimeout (2.5s)",
      );
      expect(Date.now()).toBeGreaterThanOrEqual(new Date(timer.dueAt!).getTime());
      const events = (await listTransitions(fx.engine.db, run.id)).map((t) => t.event);
      expect(events.filter((e) => e === APPROVAL_EVENT)).toHaveLength(1);
    } finally {
      await worker.stop();
    }
  }

  it('do nothing when the run left the state first (the job is stale)', async () => {
    const worker = await testWorker(fx.db, fx.engine);
    try {
      const run = await startReview(800);
      const waiting = await waitForRun(fx.engine, run.id, inState('awaiting_approval'));
      const timer = waiting.timers[APPROVAL_EVENT]!;
      await performOperatorAction(
        fx.engine,
        { kind: 'event', request: { runId: run.id, type: 'approve' } },
        actor('a@x.test'),
      );
      const done = await waitForRun(fx.engine, run.id);
      expect(done.state).toBe('published');
      // The job runs (or ran) after its due time; either way it changes nothing.
      const stale = await fireTimer(
        fx.engine,
        { runId: run.id, event: APPROVAL_EVENT, since: timer.since!, dueAt: timer.dueAt! },
        actor('worker'),
      );
      expect(stale).toBe('stale');
      await expect.poll(async () => (await timerJobs(run.id)).length, { timeout: 10_000 }).toBe(0);
      expect((await listTransitions(fx.engine.db, run.id)).map((t) => t.event)).not.toContain(APPROVAL_EVENT);
    } finally {
      await worker.stop();
    }
  });

  it('can be postponed and fired now by an operator, audited, and refused for viewers', async () => {
    const run = await startReview(48 * 3_600_000);
    const worker = await testWorker(fx.db, fx.engine);
    let waiting: Awaited<ReturnType<typeof waitForRun>>;
    try {
      waiting = await waitForRun(fx.engine, run.id, inState('awaiting_approval'));
    } finally {
      await worker.stop();
    }
    const before = waiting.timers[APPROVAL_EVENT]!;
    const operator = person('operator');
    await expect(
      operateTimer(
        fx.engine,
        { kind: 'fire', request: { runId: run.id, event: APPROVAL_EVENT } },
        person('viewer'),
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const postponed = await operateTimer(
      fx.engine,
      {
        kind: 'postpone',
        request: { runId: run.id, event: APPROVAL_EVENT, byMs: 3_600_000, reason: 'owner on leave' },
      },
      operator,
    );
    const moved = postponed.timers[APPROVAL_EVENT]!;
    expect(new Date(moved.dueAt!).getTime() - new Date(before.dueAt!).getTime()).toBe(3_600_000);
    expect((await timerJobs(run.id)).map((j) => j.payload.dueAt)).toEqual([before.dueAt, moved.dueAt]);
    // The old job is stale now.
    expect(
      await fireTimer(
        fx.engine,
        { runId: run.id, event: APPROVAL_EVENT, since: before.since!, dueAt: before.dueAt! },
        actor('worker'),
      ),
    ).toBe('stale');

    const fired = await operateTimer(
      fx.engine,
      { kind: 'fire', request: { runId: run.id, event: APPROVAL_EVENT, reason: 'nobody will approve this' } },
      operator,
    );
    expect(fired).toMatchObject({ state: 'expired', status: 'failed' });
    await expect(
      operateTimer(fx.engine, { kind: 'fire', request: { runId: run.id, event: APPROVAL_EVENT } }, operator),
    ).rejects.toMatchObject({ code: 'TRANSITION_NOT_ALLOWED' });

    const rows = await listAuditEvents(fx.engine.db, {
      action: 'run.timer',
      target: `run:${run.id}`,
      limit: 20,
    });
    expect(rows.find((a) => a.action === 'run.timer.postpone')).toMatchObject({ reason: 'owner on leave' });
    expect(rows.map((a) => [a.action, a.outcome])).toEqual(
      expect.arrayContaining([
        ['run.timer.postpone', 'accepted'],
        ['run.timer.fire', 'accepted'],
        ['run.timer.fire', 'refused'],
      ]),
    );
  });

  it('fail a whole run at its deadline with a clear error and stop its running step', async () => {
    const worker = await testWorker(fx.db, fx.engine);
    try {
      const { run } = await startRun(
        fx.engine,
        { pipelineId: 'test-deadline', input: { deadlineMs: 600, workMs: 60_000 } },
        actor('tester'),
      );
      expect(Object.values(run.timers)).toMatchObject([{ state: '', delay: 'runDeadline', delayMs: 600 }]);
      const failed = await waitForRun(fx.engine, run.id, hasStatus('failed'));
      expect(failed).toMatchObject({ state: 'timedOut', activeSteps: {} });
      expect(failed.error).toMatchObject({ kind: 'timed_out', state: '' });
      expect(failed.error!.message).toBe("the run timed out after runDeadline (600ms) while in 'working'");
      await expect
        .poll(async () => (await listAttempts(fx.engine.db, run.id))[0]?.outcome, { timeout: 10_000 })
        .toBe('aborted');
    } finally {
      await worker.stop();
    }
  });
});
