import type { AnyMachineSnapshot } from 'xstate';
import type { RunRecord } from '../../../db/queries/run-record';
import type { RunError } from '../../../db/schema';
import {
  type Pipeline,
  type StepFailure,
  stepDoneEvent,
  stepFailedEvent,
} from '../../definition/define-pipeline';
import type { StepJobPayload } from '../../engine';
import { restore, step } from '../../machine/machine-snapshot';
import { planSteps } from './plan-steps';
import { changed, type Decision, STALE } from './run-change';
import { type FailureFields, snapshotUpdate } from './snapshot-update';
import { isCurrentStep } from './step-instance';

/** A step's final outcome, after its retries. */
export type StepOutcome = { ok: true; output: unknown } | { ok: false; failure: StepFailure };

/**
 * Feeds a step's final outcome to the machine: `step.<name>.done` with its output, or
 * `step.<name>.failed` with the failure. A failure keeps the state to retry from; an outcome the
 * machine does not take (no transition, or every guard false) fails the run loudly instead of
 * leaving it hanging. Stale when the step instance is no longer current.
 */
export function decideStepOutcome(
  pipeline: Pipeline,
  run: RunRecord | undefined,
  payload: StepJobPayload,
  outcome: StepOutcome,
): Decision {
  if (!isCurrentStep(run, payload)) return STALE;
  const snapshot = restore(pipeline, run.snapshot, run.id);
  const instance = run.activeSteps[payload.state]!;
  const event = outcome.ok
    ? { type: stepDoneEvent(instance.step), output: outcome.output }
    : { type: stepFailedEvent(instance.step), error: outcome.failure };
  const where = { step: instance.step, state: payload.state };
  const failure: RunError | null = outcome.ok ? null : { kind: 'step_failed', ...where, ...outcome.failure };

  if (!snapshot.can(event)) {
    const error: RunError = failure ?? {
      kind: 'step_event_unhandled',
      ...where,
      event: event.type,
      name: 'DefinitionError',
      message: `state '${payload.state}' does not handle '${event.type}'; add it to the machine`,
    };
    const stopped = { activeSteps: {}, attemptCounters: run.attemptCounters };
    return changed({
      event: event.type,
      enqueue: [],
      update: snapshotUpdate(snapshot, stopped, failedAt(error, payload.state, failure, snapshot), 'failed'),
    });
  }

  const next: AnyMachineSnapshot = step(pipeline, snapshot, event);
  const plan = planSteps(
    pipeline,
    next,
    run.activeSteps,
    run.attemptCounters,
    run.version + 1,
    new Set([payload.state]),
  );
  // A handled failure stays visible on the run (e.g. a fallback branch) until a retry clears it.
  const error = failure ?? run.error;
  const update = snapshotUpdate(next, plan, { error, failedState: null, retryFrom: null });
  if (update.status === 'failed') Object.assign(update, failedAt(error, payload.state, failure, snapshot));
  return changed({ event: event.type, enqueue: plan.entered, update });
}

/** A run that failed in `state`: retryable from where the step ran when it was the step that failed. */
function failedAt(
  error: RunError | null,
  state: string,
  stepFailure: RunError | null,
  before: AnyMachineSnapshot,
): FailureFields {
  return { error, failedState: state, retryFrom: stepFailure ? before.value : null };
}
