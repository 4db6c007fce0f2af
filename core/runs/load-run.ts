import { z } from 'zod';
import { getRun } from '../../db/queries/get-run';
import type { RunRecord } from '../../db/queries/run-record';
import type { Engine } from '../engine';
import { AppError } from '../errors';

const RunId = z.uuid();

/**
 * The run, or `RUN_NOT_FOUND` (404) for an unknown or malformed id: the one place that checks a run
 * id from outside (a URL, a CLI argument) before reading it. A malformed id never reaches SQL.
 */
export async function loadRun(engine: Pick<Engine, 'db'>, runId: string): Promise<RunRecord> {
  const run = RunId.safeParse(runId).success ? await getRun(engine.db, runId) : undefined;
  if (!run) throw new AppError('RUN_NOT_FOUND', `run ${runId} not found`, { runId });
  return run;
}
