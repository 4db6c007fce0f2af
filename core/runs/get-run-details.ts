import { z } from 'zod';
import { getRun } from '../../db/queries/get-run';
import type { RunRecord } from '../../db/queries/run-record';
import type { Engine } from '../engine';
import { AppError } from '../errors';
import { restore } from '../machine/machine-snapshot';
import { allowedActions } from './operator-command';

export interface RunDetails {
  run: RunRecord;
  context: unknown;
  allowedActions: string[];
  /** Set when the stored snapshot no longer fits its pipeline definition. */
  definitionError: string | null;
}

/** A run with what an operator may do with it now; `RUN_NOT_FOUND` (404) when there is none. */
export async function getRunDetails(engine: Engine, runId: string): Promise<RunDetails> {
  const run = z.uuid().safeParse(runId).success ? await getRun(engine.db, runId) : undefined;
  if (!run) throw new AppError('RUN_NOT_FOUND', `run ${runId} not found`, { runId });
  const context = (run.snapshot as { context?: unknown }).context ?? null;
  try {
    const pipeline = engine.registry.get(run.pipelineId, run.pipelineVersion);
    const snapshot = restore(pipeline, run.snapshot as never, run.id);
    return { run, context, allowedActions: allowedActions(run, snapshot), definitionError: null };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { run, context, allowedActions: allowedActions(run, undefined), definitionError: error.message };
  }
}
