import type { RunRecord } from '../../db/queries/run-record';
import type { StepJobPayload } from '../engine';

/** An attempt opened by the transition that entered its step, for the worker the job was handed to. */
export interface PreclaimedAttempt {
  attemptId: number;
  /** The run as that transition left it. */
  run: RunRecord;
}

/** A step job inserted locked by this worker's pool: the worker runs it next, without the queue. */
export interface HandedJob {
  jobId: string;
  /** The graphile-worker pool that holds it. */
  lockedBy: string;
  payload: StepJobPayload;
  /** Its attempt, when the transition could open it (otherwise the step claims it as usual). */
  preclaimed?: PreclaimedAttempt;
}

/**
 * A step whose worker continues the run itself (`core/runs/step-chain.ts`). Its transition inserts
 * the next step job locked by `lockedBy` (with `handNext`), opens that step's attempt for this
 * worker, and deletes `completesJobId`, the job it ran under.
 */
export interface StepHandOff {
  lockedBy: string;
  completesJobId?: string;
  /**
   * `completesJobId` is the chain's own job (handed over, or offered directly), not one a
   * graphile-worker runner holds and will complete: the transition may make it the next step's job.
   */
  completesOwnJob?: boolean;
  /** Hand the next job to this worker (false: queue it, e.g. the chain is long enough). */
  handNext: boolean;
  /** Before the commit: marks the next attempt as executing here (the heartbeat lists it). */
  reserve(idempotencyKey: string): { workerId: string; claimSeq: number };
  /** The reserved attempt was not opened (the change did not commit, or opened nothing). */
  unreserve(idempotencyKey: string): void;
  /** Called once the step's change committed, with the job handed to this worker (if one was). */
  committed(next: HandedJob | undefined): void;
}
