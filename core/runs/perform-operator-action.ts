import type { OperatorRequestBody, SendEventRequest } from '../../contracts/run-requests';
import type { RunRecord } from '../../db/queries/run-record';
import { auditRefusal } from '../audit/record-audit';
import { type Actor, authorize } from '../auth/actor';
import type { Engine } from '../engine';
import { notifyObserver } from '../engine-observer';
import { AppError, ConcurrentTransition, type RunNow } from '../errors';
import { restore } from '../machine/machine-snapshot';
import { findRun, runNotFound } from './find-run';
import { allowedActions } from './transition/allowed-actions';
import { commitRunChange } from './transition/commit-run-change';
import { decideOperatorCommand, type OperatorCommand } from './transition/decide-operator-command';

type ActionRequest = OperatorRequestBody & { runId: string };
/** What to do to which run; who does it is the separate `by` argument. */
export type OperatorAction =
  | { kind: 'retry' | 'cancel'; request: ActionRequest }
  | { kind: 'event'; request: ActionRequest & SendEventRequest };

/** The details of a `CONCURRENT_TRANSITION` answer. */
export type ConflictDetails = RunNow & { runId: string; expectedVersion?: number };

const commandOf = (action: OperatorAction): OperatorCommand =>
  action.kind === 'event'
    ? { kind: 'event', type: action.request.type, payload: action.request.payload }
    : { kind: action.kind };

/**
 * Retry, cancel or send an event, for an actor with `runs:write` (`FORBIDDEN`, 403). The change is
 * decided by `decideOperatorCommand` and committed with its audit row in one statement; every
 * refusal (role, unknown run, stale version, not allowed now, lost race) is audited too. A lost race
 * (`CONCURRENT_TRANSITION`) is answered with what the run is now — its state, status, version and
 * allowed actions — so the console can say "this run changed: it is now in X" without a second request.
 */
export async function performOperatorAction(
  engine: Engine,
  action: OperatorAction,
  by: Actor,
): Promise<RunRecord> {
  const { runId, reason = null, expectedVersion } = action.request;
  const auditAction = `run.${action.kind}`;
  const refuse = (error: AppError, run?: RunRecord, details?: Record<string, unknown>) => {
    notifyObserver(engine, (o) =>
      o.operatorAction?.({ action: auditAction, outcome: 'refused', code: error.code }),
    );
    return auditRefusal(engine, {
      by,
      action: auditAction,
      runId: run?.id ?? null,
      target: `run:${runId}`,
      reason,
      error,
      details: run ? { state: run.state, status: run.status, ...details } : details,
    });
  };

  try {
    authorize(by, 'runs:write');
  } catch (error) {
    if (error instanceof AppError) throw await refuse(error);
    throw error;
  }
  const run = await findRun(engine, runId);
  if (!run) throw await refuse(runNotFound(runId), undefined, { runId });
  if (expectedVersion !== undefined && expectedVersion !== run.version) {
    throw await refuse(conflict(engine, run, expectedVersion), run);
  }
  let decision: ReturnType<typeof decideOperatorCommand>;
  try {
    decision = decideOperatorCommand(
      engine.registry.get(run.pipelineId, run.pipelineVersion),
      run,
      commandOf(action),
    );
  } catch (error) {
    if (error instanceof AppError) throw await refuse(error, run);
    throw error;
  }
  if (decision.kind === 'refused') throw await refuse(decision.error, run);
  if (decision.kind === 'stale') throw new Error('an operator command is never stale');
  const { change } = decision;
  const written = await commitRunChange(engine, { run }, change, {
    by,
    audit: {
      action: auditAction,
      reason,
      details: { event: change.event, from: run.state, to: change.update.state, version: run.version + 1 },
    },
  });
  if (!written) {
    const now = await findRun(engine, run.id);
    throw await refuse(
      now
        ? conflict(engine, now, expectedVersion ?? run.version)
        : new ConcurrentTransition(run.id, run.version),
      run,
    );
  }
  engine.logger.info(
    { runId: run.id, action: auditAction, to: change.update.state },
    'operator command applied',
  );
  return { ...run, ...change.update, version: written.version, updatedAt: written.updatedAt };
}

/** `CONCURRENT_TRANSITION` saying what the run is now and what may be done with it. */
function conflict(engine: Engine, run: RunRecord, expectedVersion: number): ConcurrentTransition {
  let actions: string[];
  try {
    const pipeline = engine.registry.get(run.pipelineId, run.pipelineVersion);
    actions = allowedActions(run, restore(pipeline, run.snapshot, run.id));
  } catch {
    actions = allowedActions(run, undefined);
  }
  const { state, status, version } = run;
  return new ConcurrentTransition(run.id, expectedVersion, {
    state,
    status,
    version,
    allowedActions: actions,
  });
}
