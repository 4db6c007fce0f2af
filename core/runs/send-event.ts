import type { RunRecord } from '../../db/queries/run-record';
import type { Engine } from '../engine';
import { AppError } from '../errors';
import { isReservedEvent, persist, stateLabel, step } from '../machine/machine-snapshot';
import { planSteps } from './active-steps';
import { notAllowed, type OperatorRequest, operatorCommand } from './operator-command';
import { deriveStatus, isTerminal } from './run-status';

/**
 * Sends an operator event (e.g. `approve`) to a run. An event the current state cannot take raises
 * `TransitionNotAllowed` naming the state and the allowed events, instead of being ignored.
 */
export function sendEvent(
  engine: Engine,
  request: OperatorRequest & { type: string; payload?: Record<string, unknown> },
): Promise<RunRecord> {
  return operatorCommand(engine, request, 'run.event', (loaded) => {
    const { run, pipeline, snapshot } = loaded;
    if (isReservedEvent(request.type)) {
      throw new AppError(
        'EVENT_RESERVED',
        `'${request.type}' is reserved for the engine; operators cannot send it`,
      );
    }
    const event = { ...request.payload, type: request.type };
    if ((run.status !== 'running' && run.status !== 'waiting') || !snapshot.can(event)) {
      throw notAllowed(loaded, request.type);
    }
    const next = step(pipeline, snapshot, event);
    const plan = planSteps(pipeline, next, run.activeSteps, run.attemptCounters, run.version + 1);
    const status = deriveStatus(next, Object.keys(plan.activeSteps).length);
    return {
      event: request.type,
      enqueue: plan.entered,
      update: {
        state: stateLabel(next.value),
        stateValue: next.value,
        status,
        snapshot: persist(pipeline.machine, next),
        activeSteps: plan.activeSteps,
        attemptCounters: plan.attemptCounters,
        error: run.error,
        failedState: null,
        finishedAt: isTerminal(status) ? new Date() : null,
      },
    };
  });
}
