import type { RunRecord } from '../../../db/queries/run-record';
import type { RunError } from '../../../db/schema';
import type { Pipeline } from '../../definition/define-pipeline';
import { formatDuration } from '../../definition/delays';
import { AppError } from '../../errors';
import { restore, step } from '../../machine/machine-snapshot';
import { planSteps } from './plan-steps';
import { changed, type Decision, refused, STALE } from './run-change';
import { isTerminal } from './run-status';
import { snapshotUpdate, unchangedUpdate } from './snapshot-update';

/** Which timer a decision is about: the job's (with the due time it was made for) or an operator's pick. */
export interface TimerRef {
  event: string;
  /** Set by a timer job: the timer must still be due at this time (a postponed timer's old job is stale). */
  dueAt?: string;
  since?: number;
}

/** The run's pending timer `ref` names, or undefined when it is gone (the state was left) or moved. */
function currentTimer(run: RunRecord | undefined, ref: TimerRef) {
  if (!run || isTerminal(run.status)) return undefined;
  const timer = run.timers[ref.event];
  if (!timer || timer.dueAt === null) return undefined;
  if (ref.dueAt !== undefined && (timer.dueAt !== ref.dueAt || timer.since !== ref.since)) return undefined;
  return timer;
}

const timerGone = (run: RunRecord, event: string) =>
  new AppError(
    'TRANSITION_NOT_ALLOWED',
    `run ${run.id} has no pending timer '${event}' (it is in '${run.state}', ${run.status})`,
    { runId: run.id, state: run.state, status: run.status },
  );

/**
 * A timer fires: the machine takes its delayed event (`xstate.after.<delay>.<state id>`), exactly as
 * if XState had run it in memory. Stale when the run left the state (or finished, or the timer was
 * postponed) before the job ran. A timer whose guard is false now is dropped without a transition.
 * A timer that leads the run into a failed state (a deadline) fails it with a `timed_out` error
 * naming the delay and where the run was, so the run page says why.
 */
export function decideTimerFire(
  pipeline: Pipeline,
  run: RunRecord | undefined,
  ref: TimerRef,
  fromOperator = false,
): Decision {
  const timer = currentTimer(run, ref);
  if (!run || !timer) return fromOperator && run ? refused(timerGone(run, ref.event)) : STALE;
  let snapshot: ReturnType<typeof restore>;
  try {
    snapshot = restore(pipeline, run.snapshot, run.id);
  } catch (error) {
    if (fromOperator && error instanceof AppError) return refused(error);
    throw error;
  }
  const event = { type: ref.event };
  if (!snapshot.can(event)) {
    const { [ref.event]: _dropped, ...timers } = run.timers;
    return changed({ enqueue: [], update: { ...unchangedUpdate(run), timers } });
  }
  const next = step(pipeline, snapshot, event);
  const plan = planSteps(pipeline, next, run.activeSteps, run.attemptCounters, run.version + 1);
  const update = snapshotUpdate(next, plan, { error: run.error, failedState: null, retryFrom: null });
  if (update.status === 'failed') {
    const owner = timer.state === '' ? 'the run' : `state '${timer.state}'`;
    const delay = /^\d+$/.test(timer.delay) ? formatDuration(timer.delayMs) : timer.delay;
    const error: RunError = {
      kind: 'timed_out',
      state: timer.state,
      delay: timer.delay,
      name: 'TimedOut',
      message: `${owner} timed out after ${delay} (${formatDuration(timer.delayMs)})${timer.state === run.state ? '' : ` while in '${run.state}'`}`,
    };
    Object.assign(update, { error, failedState: run.state });
  }
  return changed({ event: ref.event, enqueue: plan.entered, update });
}

/** An operator moves a pending timer to `dueAt` (later or sooner); its old job becomes stale. */
export function decideTimerPostpone(run: RunRecord, event: string, dueAt: Date): Decision {
  const timer = currentTimer(run, { event });
  if (!timer) return refused(timerGone(run, event));
  if (dueAt.getTime() <= Date.now()) {
    return refused(
      new AppError('VALIDATION_FAILED', 'the new due time must be in the future; fire the timer now instead'),
    );
  }
  const moved = { ...timer, dueAt: dueAt.toISOString() };
  return changed({
    enqueue: [],
    rescheduled: [event],
    update: { ...unchangedUpdate(run), timers: { ...run.timers, [event]: moved } },
  });
}
