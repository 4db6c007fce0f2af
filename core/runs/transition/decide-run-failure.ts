import type { RunRecord } from '../../../db/queries/run-record';
import type { AppError } from '../../errors';
import type { RunChange } from './run-change';
import { unchangedUpdate } from './snapshot-update';

/** The codes of errors that end a run because its definition cannot carry it on. */
export type DefinitionErrorCode = 'SNAPSHOT_INCOMPATIBLE' | 'PIPELINE_VERSION_MISSING';

export const isDefinitionError = (error: AppError): error is AppError & { code: DefinitionErrorCode } =>
  error.code === 'SNAPSHOT_INCOMPATIBLE' || error.code === 'PIPELINE_VERSION_MISSING';

/**
 * Ends a run that cannot go on (its pipeline version was removed, its snapshot no longer fits the
 * definition): it stays where it is, failed, with the error kept and no step active. Not retryable.
 */
export function decideRunFailure(run: RunRecord, error: AppError & { code: DefinitionErrorCode }): RunChange {
  return {
    event: RUN_ERROR_EVENT,
    enqueue: [],
    update: {
      ...unchangedUpdate(run),
      status: 'failed',
      activeSteps: {},
      error: { kind: 'definition', code: error.code, name: error.name, message: error.message },
      failedState: null,
      retryFrom: null,
      timers: {},
      finishedAt: new Date(),
    },
  };
}

/** The history event of a run ended by its definition. */
export const RUN_ERROR_EVENT = 'signalbox.error';
