import { claimStepAttempt } from '../../db/queries/claim-step-attempt';
import { completeHandedJob } from '../../db/queries/complete-handed-job';
import type { StepOffer } from '../../db/queries/notify-run-changed';
import { releaseHandedJob } from '../../db/queries/release-handed-job';
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
