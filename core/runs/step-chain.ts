import { completeHandedJob } from '../../db/queries/complete-handed-job';
import { releaseHandedJob } from '../../db/queries/release-handed-job';
import type { Engine, StepJobPayload } from '../engine';
import type { HandedJob } from './hand-off';
import { runStep, StepInterrupted, type StepJobResult, type StepWorkerContext } from './run-step';
import { idempotencyKeyOf } from './transition/step-instance';

/** How a worker continues runs itself. */
export interface StepChainOptions {
  /** The worker's graphile-worker pool now: handed jobs are locked by it. Null: no hand-off. */
  lockedBy(): string | null;
  /** Steps one job may run after its own before the rest of the run goes back to the queue. */
  maxHops: number;
  /** Told while a handed job runs here, so the worker does not take it for a lost one. */
  track?(jobId: string): () => void;
}

/**
 * Runs a step job, then keeps running the run's next steps in this worker for as long as each
 * transition enters a step that is due now: the transition commits the next job as usual, but
 * inserted locked by this worker's pool, and the next transition deletes it (its completion; the
 * first transition deletes the queue's job too, graphile-worker's own completion then finds nothing). A step
 * costs its claim and its transition, without the queue's fetch, completion and wake-up.
 *
 * Nothing is lost if the worker dies: a handed job is an ordinary locked job of its pool, released
 * by the peers' sweep like any other. A step that commits no transition (stale, aborted) completes
 * its job; one that throws (shutdown, database gone, an interrupted attempt) gives it back to the
 * queue, as graphile-worker fails a job. Parallel steps: the first is handed on, the rest queued.
 */
export async function runStepChain(
  engine: Engine,
  payload: StepJobPayload,
  worker: StepWorkerContext,
  chain: StepChainOptions,
  /** The queue's job this step runs under: its transition completes it too, not only the chain's end. */
  queueJobId?: string,
): Promise<StepJobResult> {
  const hands = new ChainHands(worker, chain);
  const lockedBy = chain.lockedBy();
  const queueJob =
    queueJobId !== undefined && lockedBy !== null ? { jobId: queueJobId, lockedBy } : undefined;
  const result = await runStep(engine, payload, hands.context(queueJob, 0, false));
  return followChain(engine, hands, worker, chain, 1, result);
}

/**
 * Runs a job already locked by this worker's pool (offered to it directly, see `dispatchStep`) as
 * the first of a chain: exactly as a job handed over by a transition.
 */
export function continueStepChain(
  engine: Engine,
  job: HandedJob,
  worker: StepWorkerContext,
  chain: StepChainOptions,
): Promise<StepJobResult> {
  const hands = new ChainHands(worker, chain);
  hands.next = job;
  return followChain(engine, hands, worker, chain, 0, 'applied', job.jobId);
}

/** What the steps of one chain hand each other: the job the last committed transition handed on. */
class ChainHands {
  next: HandedJob | undefined;
  committed = false;

  constructor(
    private readonly worker: StepWorkerContext,
    private readonly chain: StepChainOptions,
  ) {}

  /** The worker context for one step of the chain: its transition completes `completes` and may hand on. */
  context(
    completes: Pick<HandedJob, 'jobId' | 'lockedBy'> | undefined,
    hops: number,
    /** `completes` is the chain's own job, not the queue runner's (see `StepHandOff.completesOwnJob`). */
    ownJob = true,
  ): StepWorkerContext {
    const { worker, chain } = this;
    const lockedBy = completes?.lockedBy ?? chain.lockedBy();
    const handNext = hops < chain.maxHops && !worker.shutdownSignal?.aborted;
    if (lockedBy === null || (!handNext && completes === undefined)) return worker;
    return {
      ...worker,
      handOff: {
        lockedBy,
        completesJobId: completes?.jobId,
        completesOwnJob: completes !== undefined && ownJob,
        handNext,
        reserve: (key) => ({ workerId: worker.workerId, claimSeq: worker.attempts.begin(key).seq }),
        unreserve: (key) => worker.attempts.end(key),
        committed: (handed) => {
          this.committed = true;
          this.next = handed;
        },
      },
    };
  }
}

/** Runs the handed jobs one after the other, for as long as each step's transition hands on another. */
async function followChain(
  engine: Engine,
  hands: ChainHands,
  worker: StepWorkerContext,
  chain: StepChainOptions,
  firstHop: number,
  lastResult: StepJobResult,
  /** A job offered to this worker directly: logged as the queue's jobs are, not as a handed one. */
  offeredJobId?: string,
): Promise<StepJobResult> {
  let result = lastResult;
  for (let hops = firstHop; hands.next !== undefined; hops++) {
    const job: HandedJob = hands.next;
    hands.next = undefined;
    hands.committed = false;
    if (worker.shutdownSignal?.aborted) {
      // Its attempt (opened for this worker) is free for the next worker once a heartbeat omits it.
      if (job.preclaimed) {
        worker.attempts.end(idempotencyKeyOf(job.payload.runId, job.payload.state, job.payload.attempt));
      }
      await releaseHandedJob(engine.db, job, { error: 'worker shutting down', retryNow: true }).catch(
        () => undefined, // the database is away: released with the worker's lost jobs
      );
      break;
    }
    const untrack = chain.track?.(job.jobId);
    try {
      result = await runStep(engine, job.payload, hands.context(job, hops), job.preclaimed);
      // (A handed job may carry the offered job's id: the chain's own job is reused for its next step.)
      const offered = offeredJobId !== undefined && hops === firstHop;
      engine.logger.debug(
        {
          runId: job.payload.runId,
          state: job.payload.state,
          jobId: job.jobId,
          result,
          ...(offered ? { offered } : { hops }),
        },
        offered ? 'step job done' : 'handed step job done',
      );
      // No transition committed (stale, aborted, busy): nothing deleted the job yet.
      if (!hands.committed) await completeHandedJob(engine.db, job);
    } catch (error) {
      hands.next = undefined;
      const interrupted = error instanceof StepInterrupted;
      engine.logger[interrupted ? 'info' : 'error'](
        { runId: job.payload.runId, state: job.payload.state, errName: (error as Error).name },
        'handed step job given back to the queue',
      );
      await releaseHandedJob(engine.db, job, {
        error: (error as Error).message,
        retryNow: interrupted,
      }).catch(() => {
        // The database is away: the job stays locked by this pool until the worker releases its
        // lost jobs when the database is back (or a peer's sweep, if this worker dies).
      });
      break;
    } finally {
      untrack?.();
    }
  }
  return result;
}
