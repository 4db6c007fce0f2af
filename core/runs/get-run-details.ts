import type { RunRecord } from '../../db/queries/run-record';
import type { Engine } from '../engine';
import { AppError } from '../errors';
import { restore } from '../machine/machine-snapshot';
import { loadRun } from './find-run';
import { allowedActions } from './transition/allowed-actions';

export interface RunDetails {
  run: RunRecord;
  context: unknown;
  allowedActions: string[];
  /** Set when the stored snapshot no longer fits its pipeline definition. */
  definitionError: string | null;
}

/** A run with what an operator may do with it now; `RUN_NOT_FOUND` (404) when there is none. */
export async function getRunDetails(engine: Engine, runId: string): Promise<RunDetails> {
  const run = await loadRun(engine, runId);
  const context = run.snapshot.context ?? null;
  try {
    const pipeline = engine.registry.get(run.pipelineId, run.pipelineVersion);
    const snapshot = restore(pipeline, run.snapshot, run.id);
    return { run, context, allowedActions: allowedActions(run, snapshot), definitionError: null };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { run, context, allowedActions: allowedActions(run, undefined), definitionError: error.message };
  }
}
