import type { RunRecord } from '../../db/queries/run-record';
import type { Actor } from '../auth/actor';
import type { Engine } from '../engine';
import type { AppError } from '../errors';
import { commitRunChange } from './transition/commit-run-change';
import { type DefinitionErrorCode, decideRunFailure } from './transition/decide-run-failure';

/**
 * Ends a run that cannot go on (its pipeline version was removed, its snapshot no longer fits the
 * definition) with the error kept on the run. Returns false if the run changed meanwhile.
 */
export async function failRun(
  engine: Engine,
  run: RunRecord,
  error: AppError & { code: DefinitionErrorCode },
  by: Actor,
): Promise<boolean> {
  engine.logger.error({ runId: run.id, code: error.code }, 'run cannot continue');
  const written = await commitRunChange(engine, { run }, decideRunFailure(run, error), { by });
  return written !== undefined;
}
