import type { RunRecord } from '../../db/queries/run-record';
import type { Pipeline } from '../definition/define-pipeline';
import type { Engine } from '../engine';
import { AppError } from '../errors';
import { restore } from '../machine/machine-snapshot';
import { allowedActions } from './transition/allowed-actions';

export interface RunStanding {
  /** The definition the run started with; undefined when this process does not have it. */
  pipeline: Pipeline | undefined;
  /** What an operator may do now: `retry`, `cancel` and the events the current state accepts. */
  allowedActions: string[];
  /** Set when the stored snapshot no longer fits its pipeline definition (or it is missing). */
  definitionError: string | null;
}

/** What may be done with a run now, judged on its own pipeline version's machine. */
export function allowedNow(engine: Pick<Engine, 'registry'>, run: RunRecord): RunStanding {
  let pipeline: Pipeline | undefined;
  try {
    pipeline = engine.registry.get(run.pipelineId, run.pipelineVersion);
    const snapshot = restore(pipeline, run.snapshot, run.id);
    return { pipeline, allowedActions: allowedActions(run, snapshot), definitionError: null };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { pipeline, allowedActions: allowedActions(run, undefined), definitionError: error.message };
  }
}
