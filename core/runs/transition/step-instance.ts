import type { RunRecord } from '../../../db/queries/run-record';
import type { StepJobPayload } from '../../engine';
import { isTerminal } from './run-status';

/** A step job is current when its run is live and still has exactly that step instance active. */
export function isCurrentStep(run: RunRecord | undefined, payload: StepJobPayload): run is RunRecord {
  if (!run || isTerminal(run.status)) return false;
  const instance = run.activeSteps[payload.state];
  return instance !== undefined && instance.since === payload.since && instance.attempt === payload.attempt;
}

/** Unique per attempt: what a step passes to external systems that deduplicate. */
export const idempotencyKeyOf = (runId: string, state: string, attempt: number) =>
  `${runId}:${state}:${attempt}`;
