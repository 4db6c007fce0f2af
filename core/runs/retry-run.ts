import type { StateValue } from 'xstate';
import type { RunRecord } from '../../db/queries/run-record';
import type { Engine } from '../engine';
import { persist, restore, stateLabel } from '../machine/machine-snapshot';
import { planSteps } from './active-steps';
import { isRetryable, notAllowed, type OperatorRequest, operatorCommand } from './operator-command';
import { deriveStatus } from './run-status';

/**
 * Retries a run whose step failed for good: the machine goes back to the state it was in when the
 * step failed (with the current context) and the step runs again with a fresh set of attempts.
 */
export function retryRun(engine: Engine, request: OperatorRequest): Promise<RunRecord> {
  return operatorCommand(engine, request, 'run.retry', (loaded) => {
    const { run, pipeline, snapshot } = loaded;
    if (!isRetryable(run)) throw notAllowed(loaded, 'retry');
    const fromValue = (run.error as { fromValue: StateValue }).fromValue;
    const resumed = restore(
      pipeline,
      { value: fromValue, context: snapshot.context, status: 'active' },
      run.id,
    );
    const plan = planSteps(pipeline, resumed, {}, run.attemptCounters, run.version + 1);
    const status = deriveStatus(resumed, plan.entered.length);
    return {
      event: 'signalbox.retry',
      enqueue: plan.entered,
      update: {
        state: stateLabel(resumed.value),
        stateValue: resumed.value,
        status,
        snapshot: persist(pipeline.machine, resumed),
        activeSteps: plan.activeSteps,
        attemptCounters: plan.attemptCounters,
        error: null,
        failedState: null,
        finishedAt: null,
      },
    };
  });
}
