import type { JobSpec } from '../../../db/queries/add-step-jobs';
import type { ActiveTimer } from '../../../db/schema';
import { JOB_MAX_ATTEMPTS, TIMER_TASK, type TimerJobPayload } from '../../engine';

/**
 * Schedules the timers of a change as it is written at `version`: a timer the run already had
 * (its state stayed active) keeps its due time and job; a new one is due `delayMs` from now and gets
 * a graphile-worker job in the same statement as the change. Timers the run no longer has are simply
 * dropped: their jobs find no matching timer when they run, and do nothing.
 */
export function settleTimers(
  runId: string,
  previous: Record<string, ActiveTimer>,
  next: Record<string, ActiveTimer>,
  version: number,
  rescheduled: readonly string[] = [],
  now = Date.now(),
): { timers: Record<string, ActiveTimer>; jobs: JobSpec[] } {
  const timers: Record<string, ActiveTimer> = {};
  const jobs: JobSpec[] = [];
  for (const [event, timer] of Object.entries(next)) {
    const kept = previous[event];
    if (timer.dueAt !== null && timer.since !== null) {
      timers[event] = timer;
      if (rescheduled.includes(event)) jobs.push(timerJob(runId, event, timer));
    } else if (kept?.dueAt && kept.since !== null) {
      timers[event] = kept;
    } else {
      const set = { ...timer, since: version, dueAt: new Date(now + timer.delayMs).toISOString() };
      timers[event] = set;
      jobs.push(timerJob(runId, event, set));
    }
  }
  return { timers, jobs };
}

function timerJob(runId: string, event: string, timer: ActiveTimer): JobSpec {
  const payload: TimerJobPayload = { runId, event, since: timer.since!, dueAt: timer.dueAt! };
  return {
    task: TIMER_TASK,
    payload: { ...payload },
    runAt: new Date(timer.dueAt!),
    maxAttempts: JOB_MAX_ATTEMPTS,
  };
}
