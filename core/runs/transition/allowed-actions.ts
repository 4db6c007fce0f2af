import type { AnyMachineSnapshot } from 'xstate';
import type { RunRecord } from '../../../db/queries/run-record';
import { TransitionNotAllowed } from '../../errors';
import { allowedEvents } from '../../machine/machine-snapshot';

const isLive = (run: Pick<RunRecord, 'status'>): boolean =>
  run.status === 'queued' || run.status === 'running' || run.status === 'waiting';

/** A failed run whose failing step can run again (a definition error cannot be retried). */
export const isRetryable = (run: Pick<RunRecord, 'status' | 'retryFrom'>): boolean =>
  run.status === 'failed' && run.retryFrom !== null;

/** Live runs, and failed runs that could still be retried (cancelling closes them for good). */
export const isCancellable = (run: Pick<RunRecord, 'status' | 'retryFrom'>): boolean =>
  isLive(run) || isRetryable(run);

/** A run waiting for a concurrency slot has not started: it takes no event until it gets one. */
export const waitsForSlot = (run: Pick<RunRecord, 'slotSeq'>): boolean =>
  run.slotSeq !== undefined && run.slotSeq !== null;

/** Retry, cancel and the events the current state accepts: what an operator may do right now. */
export function allowedActions(run: RunRecord, snapshot: AnyMachineSnapshot | undefined): string[] {
  const actions = new Set<string>();
  if (isRetryable(run)) actions.add('retry');
  if (isCancellable(run)) actions.add('cancel');
  if (snapshot && isLive(run) && !waitsForSlot(run))
    for (const event of allowedEvents(snapshot)) actions.add(event);
  return [...actions];
}

/** The refusal of `attempted` in the run's current state, naming what is allowed instead. */
export function notAllowed(
  run: RunRecord,
  snapshot: AnyMachineSnapshot,
  attempted: string,
): TransitionNotAllowed {
  return new TransitionNotAllowed({
    runId: run.id,
    state: run.state,
    status: run.status,
    version: run.version,
    attempted,
    allowedEvents: isLive(run) && !waitsForSlot(run) ? allowedEvents(snapshot) : [],
    allowedActions: allowedActions(run, snapshot),
  });
}
