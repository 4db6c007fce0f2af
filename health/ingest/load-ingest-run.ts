import { z } from 'zod';
import type { Engine } from '../../core/engine';
import { AppError } from '../../core/errors';
import { getRun } from '../../db/queries/get-run';
import type { RunRecord } from '../../db/queries/run-record';

/** The run behind an ingestion read model; `RUN_NOT_FOUND` (404) for an unknown or malformed id. */
export async function loadIngestRun(engine: Engine, runId: string): Promise<RunRecord> {
  const run = z.uuid().safeParse(runId).success ? await getRun(engine.db, runId) : undefined;
  if (!run) throw new AppError('RUN_NOT_FOUND', `run ${runId} not found`, { runId });
  return run;
}
