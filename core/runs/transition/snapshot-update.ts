import type { AnyMachineSnapshot } from 'xstate';
import type { RunRecord, RunUpdate } from '../../../db/queries/run-record';
import type { RunError, RunStatus, StoredStateValue } from '../../../db/schema';
import { timersOf } from '../../machine/active-timers';
import { persist, stateLabel } from '../../machine/machine-snapshot';
import type { StepPlan } from './plan-steps';
import { deriveStatus, isTerminal } from './run-status';

/** What a change says about failure and retry; the snapshot and the step plan give the rest. */
export interface FailureFields {
  error: RunError | null;
  failedState: string | null;
  retryFrom: StoredStateValue | null;
}

/** No failure: what a run that is going on (or just succeeded) carries. */
export const NO_FAILURE: FailureFields = { error: null, failedState: null, retryFrom: null };

/**
 * The run's columns for a machine snapshot and its step plan: state label, state value, stored
 * snapshot, status (from the snapshot's tags and its active steps unless `status` says otherwise), the
 * delayed transitions it waits for (none once terminal) and the finish time of a terminal status. The one place a run update is assembled.
 */
export function snapshotUpdate(
  next: AnyMachineSnapshot,
  plan: Pick<StepPlan, 'activeSteps' | 'attemptCounters'>,
  failure: FailureFields,
  status: RunStatus = deriveStatus(next, Object.keys(plan.activeSteps).length),
): RunUpdate {
  return {
    state: stateLabel(next.value),
    stateValue: next.value,
    status,
    snapshot: persist(next),
    activeSteps: plan.activeSteps,
    attemptCounters: plan.attemptCounters,
    ...failure,
    timers: isTerminal(status) ? {} : timersOf(next),
    finishedAt: isTerminal(status) ? new Date() : null,
  };
}

/** The run's columns as they are: the base of changes that keep the machine where it is. */
export const unchangedUpdate = (run: RunRecord): RunUpdate => ({
  state: run.state,
  stateValue: run.stateValue,
  status: run.status,
  snapshot: run.snapshot,
  activeSteps: run.activeSteps,
  attemptCounters: run.attemptCounters,
  error: run.error,
  failedState: run.failedState,
  retryFrom: run.retryFrom,
  timers: run.timers,
  finishedAt: run.finishedAt,
});
