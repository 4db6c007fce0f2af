import { z } from 'zod';
import { getRun } from '../../db/queries/get-run';
import type { RunRecord } from '../../db/queries/run-record';
import type { Engine } from '../engine';
import { AppError } from '../errors';

/** The run behind an ingestion read model; `RUN_NOT_FOUND` (404) for an unknown or malformed id. */
export async function loadIngestRun(engine: Engine, runId: string): Promise<RunRecord> {
  const run = z.uuid().safeParse(runId).success ? await getRun(engine.db, runId) : undefined;
  if (!run) throw new AppError('RUN_NOT_FOUND', `run ${runId} not found`, { runId });
  return run;
}
