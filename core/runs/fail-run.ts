import type { RunRecord } from '../../db/queries/run-record';
import type { Engine } from '../engine';
import type { AppError } from '../errors';
import { commitRunChange } from './commit-run-change';

/**
 * Ends a run that cannot go on (its pipeline version was removed, its snapshot no longer fits the
 * definition) with the error kept on the run. Returns false if the run changed meanwhile.
 */
export async function failRun(engine: Engine, run: RunRecord, error: AppError): Promise<boolean> {
  engine.logger.error({ runId: run.id, code: error.code }, 'run cannot continue');
  const version = await commitRunChange(engine, {
    run,
    update: {
      state: run.state,
      stateValue: run.stateValue,
      status: 'failed',
      snapshot: run.snapshot,
      activeSteps: {},
      attemptCounters: run.attemptCounters,
      error: { code: error.code, name: error.name, message: error.message },
      failedState: null,
      finishedAt: new Date(),
    },
    transition: { fromState: run.state, event: 'signalbox.error', toState: run.state, actor: 'worker' },
    enqueue: [],
  });
  return version !== undefined;
}
