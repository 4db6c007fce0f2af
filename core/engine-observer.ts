import type { AttemptOutcome, RunStatus } from '../db/schema';
import type { Engine } from './engine';

/** A committed change of a run: a transition, or a failed step's attempt scheduled again. */
export interface RunChangedEvent {
  pipelineId: string;
  runId: string;
  from: { state: string; status: RunStatus };
  to: { state: string; status: RunStatus };
  /** The transition's event; undefined for a change that is not a transition (a scheduled retry). */
  event?: string;
  /** Steps enqueued again after a failed attempt. */
  retriedSteps: readonly string[];
}

/** One step attempt ended (before its outcome is committed). */
export interface StepAttemptEvent {
  pipelineId: string;
  runId: string;
  step: string;
  state: string;
  attempt: number;
  outcome: Exclude<AttemptOutcome, 'running' | 'superseded'>;
  durationMs: number;
}

/**
 * What the engine tells the process that runs it, for metrics (and, later, traces): called after
 * the fact, synchronously; it must be quick. Run ids are given to link events, never to be used as
 * metric labels. Every method is optional.
 */
export interface EngineObserver {
  runStarted?(event: { pipelineId: string; runId: string; status: RunStatus }): void;
  runChanged?(event: RunChangedEvent): void;
  stepAttemptEnded?(event: StepAttemptEvent): void;
  /** An operator's retry, cancel or event: applied (`accepted`) or refused (with the error code). */
  operatorAction?(event: { action: string; outcome: 'accepted' | 'refused'; code?: string }): void;
}

/** Calls the engine's observer, if any; an observer that throws is logged, never propagated. */
export function notifyObserver(
  engine: Pick<Engine, 'observer' | 'logger'>,
  call: (observer: EngineObserver) => void,
): void {
  if (!engine.observer) return;
  try {
    call(engine.observer);
  } catch (error) {
    engine.logger.warn({ err: (error as Error).name }, 'engine observer failed');
  }
}

/** One observer that tells each of `observers` in turn (metrics and logs, say). */
export function combineObservers(...observers: (EngineObserver | undefined)[]): EngineObserver {
  const present = observers.filter((o): o is EngineObserver => o !== undefined);
  return {
    runStarted(event) {
      for (const o of present) o.runStarted?.(event);
    },
    runChanged(event) {
      for (const o of present) o.runChanged?.(event);
    },
    stepAttemptEnded(event) {
      for (const o of present) o.stepAttemptEnded?.(event);
    },
    operatorAction(event) {
      for (const o of present) o.operatorAction?.(event);
    },
  };
}
