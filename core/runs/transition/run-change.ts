import type { RunUpdate } from '../../../db/queries/run-record';
import type { AppError } from '../../errors';

/**
 * One change of a run, as decided by a pure `decide…` function: the run's columns afterwards, the
 * event recorded in its history, and the steps to enqueue. `commitRunChange` writes it.
 */
export interface RunChange {
  update: RunUpdate;
  /** The event of the history row; undefined for changes that are not transitions (a scheduled retry). */
  event?: string;
  /** Step states to enqueue now (their instances are in `update.activeSteps`). */
  enqueue: readonly string[];
  /** When the enqueued steps may start (a retry with backoff). */
  runAt?: Date;
  /**
   * Timers whose due time the change moved (an operator postponed them): a new job is made for each;
   * the old one finds a different due time and does nothing. New timers need not be listed: every
   * timer of `update.timers` not yet scheduled gets its job when the change is written.
   */
  rescheduled?: readonly string[];
}

/**
 * What a decision returns: a change; a refusal (an operator asked for something the run cannot do
 * now: `TransitionNotAllowed`, a reserved event, an incompatible snapshot); or `stale` (a step job for
 * a step instance that is no longer current: a duplicate delivery or a run that moved on).
 */
export type Decision =
  | { kind: 'change'; change: RunChange }
  | { kind: 'refused'; error: AppError }
  | { kind: 'stale' };

export const changed = (change: RunChange): Decision => ({ kind: 'change', change });
export const refused = (error: AppError): Decision => ({ kind: 'refused', error });
export const STALE: Decision = { kind: 'stale' };
