import type { RunRecord } from '../../../db/queries/run-record';
import type { Pipeline } from '../../definition/define-pipeline';
import { AppError } from '../../errors';
import { isReservedEvent, restore, step } from '../../machine/machine-snapshot';
import { isCancellable, isRetryable, notAllowed, waitsForSlot } from './allowed-actions';
import { planSteps } from './plan-steps';
import { changed, type Decision, refused } from './run-change';
import { NO_FAILURE, snapshotUpdate } from './snapshot-update';

/** What an operator asks of a run. */
export type OperatorCommand =
  | { kind: 'retry' }
  | { kind: 'cancel' }
  | { kind: 'event'; type: string; payload?: Record<string, unknown> };

/** The history event of an operator command that the machine itself does not take. */
export const RETRY_EVENT = 'signalbox.retry';
export const CANCEL_EVENT = 'signalbox.cancel';

/**
 * An operator's retry, cancel or event, decided against the run's current state:
 * - **retry** (a failed run with a retry point): back to the state it was in when the step failed,
 *   with the current context, and the step runs again with a fresh set of attempts;
 * - **cancel** (a live run, or a failed one that could be retried): the machine takes `cancel` when it
 *   has a transition for it (to reach its own cancelled state), else the run stops where it is; every
 *   active step is dropped (workers abort a running one when they hear the change);
 * - **event**: sent to the machine; an event the state cannot take is refused with
 *   `TransitionNotAllowed` naming the allowed events (XState alone would ignore it).
 */
export function decideOperatorCommand(
  pipeline: Pipeline,
  run: RunRecord,
  command: OperatorCommand,
): Decision {
  let snapshot: ReturnType<typeof restore>;
  try {
    snapshot = restore(pipeline, run.snapshot, run.id);
  } catch (error) {
    if (error instanceof AppError) return refused(error);
    throw error;
  }
  switch (command.kind) {
    case 'retry': {
      if (!isRetryable(run) || run.retryFrom === null) return refused(notAllowed(run, snapshot, 'retry'));
      const resumed = restore(
        pipeline,
        { value: run.retryFrom, context: snapshot.context, status: 'active' },
        run.id,
      );
      const plan = planSteps(pipeline, resumed, {}, run.attemptCounters, run.version + 1);
      return changed({
        event: RETRY_EVENT,
        enqueue: plan.entered,
        update: snapshotUpdate(resumed, plan, NO_FAILURE),
      });
    }
    case 'cancel': {
      if (!isCancellable(run)) return refused(notAllowed(run, snapshot, 'cancel'));
      const viaMachine = snapshot.can({ type: 'cancel' });
      const next = viaMachine ? step(pipeline, snapshot, { type: 'cancel' }) : snapshot;
      const stopped = { activeSteps: {}, attemptCounters: run.attemptCounters };
      const failure = { error: run.error, failedState: run.failedState, retryFrom: null };
      return changed({
        event: viaMachine ? 'cancel' : CANCEL_EVENT,
        enqueue: [],
        update: snapshotUpdate(next, stopped, failure, 'cancelled'),
      });
    }
    case 'event': {
      if (isReservedEvent(command.type)) {
        return refused(
          new AppError(
            'EVENT_RESERVED',
            `'${command.type}' is reserved for the engine; operators cannot send it`,
          ),
        );
      }
      const event = { ...command.payload, type: command.type };
      const live = run.status === 'queued' || run.status === 'running' || run.status === 'waiting';
      if (!live || waitsForSlot(run) || !snapshot.can(event))
        return refused(notAllowed(run, snapshot, command.type));
      const next = step(pipeline, snapshot, event);
      const plan = planSteps(pipeline, next, run.activeSteps, run.attemptCounters, run.version + 1);
      const failure = { error: run.error, failedState: null, retryFrom: null };
      return changed({
        event: command.type,
        enqueue: plan.entered,
        update: snapshotUpdate(next, plan, failure),
      });
    }
  }
}
