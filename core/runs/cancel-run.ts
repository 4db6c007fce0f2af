import type { RunRecord } from '../../db/queries/run-record';
import type { Engine } from '../engine';
import { persist, stateLabel, step } from '../machine/machine-snapshot';
import { isCancellable, notAllowed, type OperatorRequest, operatorCommand } from './operator-command';

/**
 * Cancels a run that is running or waiting, or a failed run that could still be retried. If the machine accepts a `cancel` event it takes it (to
 * reach its own cancelled state); otherwise the run stops where it is. Every active step instance is
 * dropped, and workers abort a step that is running for it (they hear the NOTIFY).
 */
export function cancelRun(engine: Engine, request: OperatorRequest): Promise<RunRecord> {
  return operatorCommand(engine, request, 'run.cancel', (loaded) => {
    const { run, pipeline, snapshot } = loaded;
    if (!isCancellable(run)) throw notAllowed(loaded, 'cancel');
    const viaMachine = snapshot.can({ type: 'cancel' });
    const next = viaMachine ? step(pipeline, snapshot, { type: 'cancel' }) : snapshot;
    return {
      event: viaMachine ? 'cancel' : 'signalbox.cancel',
      enqueue: [],
      update: {
        state: stateLabel(next.value),
        stateValue: next.value,
        status: 'cancelled',
        snapshot: persist(pipeline.machine, next),
        activeSteps: {},
        attemptCounters: run.attemptCounters,
        error: run.error,
        failedState: run.failedState,
        finishedAt: new Date(),
      },
    };
  });
}
