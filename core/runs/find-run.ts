import { z } from 'zod';
import { getRun } from '../../db/queries/get-run';
import type { RunRecord } from '../../db/queries/run-record';
import type { Engine } from '../engine';
import { AppError } from '../errors';

const RunIdSchema = z.uuid();

/** The run with this id, or undefined (also for something that is not a run id at all). */
export async function findRun(engine: Engine, runId: string): Promise<RunRecord | undefined> {
  return RunIdSchema.safeParse(runId).success ? await getRun(engine.db, runId) : undefined;
}

export const runNotFound = (runId: string): AppError =>
  new AppError('RUN_NOT_FOUND', `run ${runId} not found`, { runId });

/** The run with this id; `RUN_NOT_FOUND` (404) when there is none. */
export async function loadRun(engine: Engine, runId: string): Promise<RunRecord> {
  const run = await findRun(engine, runId);
  if (!run) throw runNotFound(runId);
  return run;
}
