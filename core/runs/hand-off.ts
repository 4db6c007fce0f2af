import type { StepJobPayload } from '../engine';

/** A step job inserted locked by this worker's pool: the worker runs it next, without the queue. */
export interface HandedJob {
  jobId: string;
  /** The graphile-worker pool that holds it. */
  lockedBy: string;
  payload: StepJobPayload;
}

/**
 * A step whose worker continues the run itself (`core/runs/step-chain.ts`). Its transition inserts
 * the next step job locked by `lockedBy` and deletes `completesJobId`, the handed job it ran under.
 */
export interface StepHandOff {
  lockedBy: string;
  completesJobId?: string;
  /** Hand the next job to this worker (false: queue it, e.g. the chain is long enough). */
  handNext: boolean;
  /** Called once the step's change committed, with the job handed to this worker (if one was). */
  committed(next: HandedJob | undefined): void;
}
