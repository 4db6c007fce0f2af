import type { FireTimerRequest, PostponeTimerRequest } from '../../../contracts/timer-requests';
import type { RunRecord } from '../../../db/queries/run-record';
import { auditRefusal } from '../../audit/record-audit';
import { type Actor, authorize } from '../../auth/actor';
import type { Engine } from '../../engine';
import { AppError, ConcurrentTransition } from '../../errors';
import { findRun, runNotFound } from '../find-run';
import { commitRunChange } from '../transition/commit-run-change';
import { decideTimerFire, decideTimerPostpone } from '../transition/decide-timer';
import type { Decision } from '../transition/run-change';

export type TimerAction =
  | { kind: 'fire'; request: FireTimerRequest & { runId: string } }
  | { kind: 'postpone'; request: PostponeTimerRequest & { runId: string } };

/**
 * An operator fires a pending timer now, or postpones it, for an actor with `runs:write`. Firing
 * takes the delayed transition at once (its job, when it runs, finds the timer gone); postponing
 * moves the due time and makes a new job in the same statement (the old one finds a different due
 * time). Accepted and refused actions are audited with who, why, the timer and the times.
 */
export async function operateTimer(engine: Engine, action: TimerAction, by: Actor): Promise<RunRecord> {
  const { runId, reason = null, expectedVersion, event } = action.request;
  const auditAction = `run.timer.${action.kind}`;
  const refuse = (error: AppError, run?: RunRecord) =>
    auditRefusal(engine, {
      by,
      action: auditAction,
      runId: run?.id ?? null,
      target: `run:${runId}`,
      reason,
      error,
      details: run ? { state: run.state, status: run.status, event } : { runId, event },
    });
  try {
    authorize(by, 'runs:write');
  } catch (error) {
    if (error instanceof AppError) throw await refuse(error);
    throw error;
  }
  const run = await findRun(engine, runId);
  if (!run) throw await refuse(runNotFound(runId));
  if (expectedVersion !== undefined && expectedVersion !== run.version) {
    throw await refuse(new ConcurrentTransition(run.id, expectedVersion), run);
  }
  const pending = run.timers[event];
  let decision: Decision;
  try {
    decision =
      action.kind === 'fire'
        ? decideTimerFire(engine.registry.get(run.pipelineId, run.pipelineVersion), run, { event }, true)
        : decideTimerPostpone(run, event, postponedTo(action.request, pending?.dueAt ?? null));
  } catch (error) {
    if (error instanceof AppError) throw await refuse(error, run);
    throw error;
  }
  if (decision.kind === 'refused') throw await refuse(decision.error, run);
  if (decision.kind === 'stale') throw new Error('an operator timer action is never stale');
  const { change } = decision;
  const details = {
    event,
    state: pending?.state ?? null,
    delay: pending?.delay ?? null,
    dueAt: pending?.dueAt ?? null,
    newDueAt: action.kind === 'postpone' ? (change.update.timers[event]?.dueAt ?? null) : null,
    from: run.state,
    to: change.update.state,
    version: run.version + 1,
  };
  const written = await commitRunChange(engine, { run }, change, {
    by,
    audit: { action: auditAction, reason, details },
  });
  if (!written) throw await refuse(new ConcurrentTransition(run.id, run.version), run);
  engine.logger.info({ runId: run.id, action: auditAction, to: change.update.state }, 'timer action applied');
  return { ...run, ...change.update, version: written.version, updatedAt: written.updatedAt };
}

function postponedTo(request: PostponeTimerRequest, dueAt: string | null): Date {
  if (request.dueAt) return new Date(request.dueAt);
  return new Date((dueAt ? new Date(dueAt).getTime() : Date.now()) + (request.byMs ?? 0));
}
