import type { AnyMachineSnapshot } from 'xstate';
import type { ActiveStep } from '../../../db/schema';
import type { Pipeline } from '../../definition/define-pipeline';
import { activeStepStates } from '../../machine/machine-snapshot';

export interface StepPlan {
  activeSteps: Record<string, ActiveStep>;
  attemptCounters: Record<string, number>;
  /** States whose step must be enqueued now (newly entered or re-entered). */
  entered: string[];
}

/**
 * Works out which step instances are active after a transition. A step state that stays active keeps
 * its instance (and its job); one that is new, or is `reentered` (the step that just finished
 * transitioning back to itself, or an operator retry), gets a fresh instance at `newVersion`.
 */
export function planSteps(
  pipeline: Pipeline,
  next: AnyMachineSnapshot,
  previous: Record<string, ActiveStep>,
  counters: Record<string, number>,
  newVersion: number,
  reentered: ReadonlySet<string> = new Set(),
): StepPlan {
  const activeSteps: Record<string, ActiveStep> = {};
  const attemptCounters = { ...counters };
  const entered: string[] = [];
  for (const [state, step] of activeStepStates(pipeline.machine, next)) {
    const kept = previous[state];
    if (kept && !reentered.has(state)) {
      activeSteps[state] = kept;
      continue;
    }
    const attempt = (attemptCounters[state] ?? 0) + 1;
    attemptCounters[state] = attempt;
    activeSteps[state] = { step, since: newVersion, attempt, firstAttempt: attempt };
    entered.push(state);
  }
  return { activeSteps, attemptCounters, entered };
}
