import type { RunRecord } from '../../../db/queries/run-record';
import type { StepJobPayload } from '../../engine';
import { changed, type Decision, STALE } from './run-change';
import { unchangedUpdate } from './snapshot-update';
import { isCurrentStep } from './step-instance';

/**
 * A failed attempt with tries left: the same step instance gets its next attempt number and a job
 * that starts after `delayMs`. Not a transition: the machine only hears about the step once its
 * attempts are used up. Stale when the step instance is no longer current.
 */
export function decideStepRetry(
  run: RunRecord | undefined,
  payload: StepJobPayload,
  delayMs: number,
): Decision {
  if (!isCurrentStep(run, payload)) return STALE;
  const instance = run.activeSteps[payload.state]!;
  const attempt = instance.attempt + 1;
  return changed({
    enqueue: [payload.state],
    runAt: new Date(Date.now() + delayMs),
    update: {
      ...unchangedUpdate(run),
      activeSteps: { ...run.activeSteps, [payload.state]: { ...instance, attempt } },
      attemptCounters: { ...run.attemptCounters, [payload.state]: attempt },
    },
  });
}
