import type { SendEventRequest } from '../../contracts/run-requests';
import type { RunRecord } from '../../db/queries/run-record';
import { type Actor, actorFields } from '../audit/actor';
import { recordAudit } from '../audit/record-audit';
import { assertActorMay } from '../auth/assert-actor-may';
import type { Engine } from '../engine';
import { AppError, ConcurrentTransition } from '../errors';
import { allowedNow } from './allowed-now';
import { cancelRun } from './cancel-run';
import { loadRun } from './load-run';
import type { OperatorRequest } from './operator-command';
import { retryRun } from './retry-run';
import { sendEvent } from './send-event';

/** What to do to which run; who does it is the separate `by` argument. */
type ActionRequest = Omit<OperatorRequest, 'actor' | 'actorRole' | 'ip'>;
export type OperatorAction =
  | { kind: 'retry' | 'cancel'; request: ActionRequest }
  | { kind: 'event'; request: ActionRequest & SendEventRequest };

export interface ConflictDetails {
  runId: string;
  expectedVersion?: number;
  state: string;
  status: string;
  version: number;
  allowedActions: string[];
}

/**
 * Retry, cancel or send an event for an operator. A lost race (`CONCURRENT_TRANSITION`) is answered
 * with what the run is now — its state, status, version and allowed actions — so the console can say
 * "this run changed: it is now in X; allowed: …" without a second request. A person or token needs
 * `runs:write` (`FORBIDDEN`, 403); system actors (the CLI) are trusted.
 */
export async function performOperatorAction(
  engine: Engine,
  action: OperatorAction,
  by: Actor,
): Promise<RunRecord> {
  const who = actorFields(by);
  try {
    assertActorMay(by, 'runs:write');
  } catch (error) {
    // Refused for the role: still on the record, like every other refusal.
    await recordAudit(engine, {
      by,
      action: action.kind === 'event' ? 'run.event' : `run.${action.kind}`,
      target: `run:${action.request.runId}`,
      outcome: 'refused',
      reason: action.request.reason ?? null,
      details: { code: 'FORBIDDEN' },
    });
    throw error;
  }
  try {
    switch (action.kind) {
      case 'retry':
        return await retryRun(engine, { ...action.request, ...who });
      case 'cancel':
        return await cancelRun(engine, { ...action.request, ...who });
      case 'event':
        return await sendEvent(engine, { ...action.request, ...who });
    }
  } catch (error) {
    if (!(error instanceof ConcurrentTransition)) throw error;
    const run = await loadRun(engine, action.request.runId).catch(() => undefined);
    if (!run) throw error;
    const { allowedActions } = allowedNow(engine, run);
    const allowed = allowedActions.length ? allowedActions.join(', ') : 'nothing';
    const details: ConflictDetails = {
      runId: run.id,
      expectedVersion: action.request.expectedVersion,
      state: run.state,
      status: run.status,
      version: run.version,
      allowedActions,
    };
    throw new AppError(
      'CONCURRENT_TRANSITION',
      `run ${run.id} changed meanwhile: it is now in '${run.state}' (status ${run.status}, version ${run.version}); allowed: ${allowed}`,
      details,
    );
  }
}
