import { claimStepAttempt } from '../../db/queries/claim-step-attempt';
import { completeHandedJob } from '../../db/queries/complete-handed-job';
import { getRun } from '../../db/queries/get-run';
import type { StepOffer } from '../../db/queries/notify-run-changed';
import { releaseHandedJob } from '../../db/queries/release-handed-job';
import type { RunRecord } from '../../db/queries/run-record';
import type { Engine } from '../engine';
import { announceAttemptStart, type StepWorkerContext } from './run-step';
import { continueStepChain, type StepChainOptions } from './step-chain';
import { idempotencyKeyOf, isCurrentStep } from './transition/step-instance';

/**
 * What became of a step offered directly: `ran` here; `missed` (another worker, or a queue runner,
 * took the job first); `left` to the queue (its step is not to run now: stale, running elsewhere,
 * or its pipeline paused — the queue's path decides, as for any job).
 */
export type DispatchResult = 'ran' | 'missed' | 'left';

/**
 * A new run's first step reaches an idle worker directly, on `STEP_OFFERS_CHANNEL`, in one of two
 * ways. Given (`runAssignedStep`, below): the start's transaction took an idle worker's offer
 * (`idle_workers`), locked the job for it and opened its attempt, so the handler starts as the notice
 * arrives. Offered (here), when no idle worker had an offer out: the first idle worker to claim it
 * takes it.
 *
 * Takes a new run's first step offered to this worker directly (`StepOffer`, on `STEP_OFFERS_CHANNEL`):
 * ONE statement locks the job for this worker's pool (as graphile-worker's `get_job` would) and
 * claims the step's attempt, then the step runs as a job handed to this worker (`continueStepChain`),
 * with the run's next steps after it. A start then costs the worker one round trip before the
 * handler runs, where the queue costs two (`get_job`, then the claim).
 *
 * Nothing changes for the guarantees: the job is an ordinary job locked by this pool (released by
 * the peers' sweep should this worker die, or by the worker itself when the database comes back
 * after losing a statement's answer), the claim is the same compare-and-set as a queued job's, and
 * a job the worker did not get is someone else's.
 */
export async function dispatchStep(
  engine: Engine,
  offer: StepOffer,
  worker: StepWorkerContext,
  chain: StepChainOptions,
): Promise<DispatchResult> {
  const lockedBy = chain.lockedBy();
  if (lockedBy === null) return 'missed';
  const payload = { runId: offer.runId, state: offer.state, since: offer.since, attempt: offer.attempt };
  const idempotencyKey = idempotencyKeyOf(payload.runId, payload.state, payload.attempt);
  const { seq, alreadyHere } = worker.attempts.begin(idempotencyKey);
  let handedOver = false;
  try {
    if (alreadyHere) return 'missed';
    const job = { jobId: offer.jobId, lockedBy, payload };
    const claiming = claimStepAttempt(engine.db, {
      ...payload,
      workerId: worker.workerId,
      idempotencyKey,
      claimSeq: seq,
      lockJob: job,
    });
    worker.attempts.offer(
      idempotencyKey,
      claiming.then((claim) => claim.jobLocked === true),
    );
    const { run, attemptId, busyWith, held, jobLocked } = await claiming;
    if (!jobLocked) return 'missed';
    if (!run || attemptId === undefined || busyWith !== undefined || held || !isCurrentStep(run, payload)) {
      // Stale or paused (held: kept in `held_steps`): done with, as the queue completes such a job.
      // Running elsewhere: back to the queue, whose path checks back later.
      if (busyWith !== undefined) {
        await releaseHandedJob(engine.db, job, { error: 'attempt running elsewhere', retryNow: true });
      } else {
        await completeHandedJob(engine.db, job);
      }
      return 'left';
    }
    await announceAttemptStart(engine, worker, run);
    handedOver = true; // the chain's first step ends the attempt's reservation
    await continueStepChain(engine, { ...job, preclaimed: { run, attemptId } }, worker, chain);
    return 'ran';
  } finally {
    if (!handedOver) worker.attempts.end(idempotencyKey);
  }
}

/**
 * Runs a new run's first step that its start gave this worker (`StepOffer.assignedTo`, see
 * `writeNewRuns`): the job is locked by this worker's pool and the attempt open in its name
 * already, both committed with the start, so the handler starts without a round trip (the run comes
 * with the offer; one too large for it is read first). From there it is a job handed over by a
 * transition, with the run's next steps after it. Should it fail before the step runs, the job is
 * this worker's lost job: released when the database answers again (`lookForLostJobs`).
 */
export async function runAssignedStep(
  engine: Engine,
  offer: StepOffer & Required<Pick<StepOffer, 'lockedBy' | 'attemptId'>>,
  worker: StepWorkerContext,
  chain: StepChainOptions,
): Promise<DispatchResult> {
  const payload = { runId: offer.runId, state: offer.state, since: offer.since, attempt: offer.attempt };
  const idempotencyKey = idempotencyKeyOf(payload.runId, payload.state, payload.attempt);
  worker.attempts.begin(idempotencyKey); // listed by the heartbeat from now on, as a claim's is
  let handedOver = false;
  try {
    const job = { jobId: offer.jobId, lockedBy: offer.lockedBy, payload };
    const run = offer.run ? assignedRun(offer.run) : await getRun(engine.db, offer.runId);
    if (!run) throw new Error(`assigned run ${offer.runId} not found`);
    await announceAttemptStart(engine, worker, run);
    handedOver = true; // the chain's first step ends the attempt's reservation
    await continueStepChain(
      engine,
      { ...job, preclaimed: { run, attemptId: offer.attemptId } },
      worker,
      chain,
    );
    return 'ran';
  } finally {
    if (!handedOver) worker.attempts.end(idempotencyKey);
  }
}

function assignedRun(run: NonNullable<StepOffer['run']>): RunRecord {
  return {
    ...run,
    createdAt: new Date(run.createdAt),
    updatedAt: new Date(run.updatedAt),
    finishedAt: run.finishedAt === null ? null : new Date(run.finishedAt),
  };
}
