import type { Pipeline } from '../../definition/define-pipeline';
import { start } from '../../machine/machine-snapshot';
import { planSteps } from './plan-steps';
import type { RunChange } from './run-change';
import { NO_FAILURE, snapshotUpdate } from './snapshot-update';

/** The first change of a run: the machine's initial snapshot for the (validated) input and its first steps. */
export function decideStart(pipeline: Pipeline, input: unknown): RunChange {
  const snapshot = start(pipeline, input);
  const plan = planSteps(pipeline, snapshot, {}, {}, 1);
  return { update: snapshotUpdate(snapshot, plan, NO_FAILURE), event: START_EVENT, enqueue: plan.entered };
}

/** The history event of a run's first transition. */
export const START_EVENT = 'signalbox.start';
