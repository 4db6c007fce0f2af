import { claimStepAttempt } from '../../db/queries/claim-step-attempt';
import { finishAttempt } from '../../db/queries/finish-attempt';
import { notifyRunChanged } from '../../db/queries/notify-run-changed';
import { requeueStepJob } from '../../db/queries/requeue-step-job';
import type { RunRecord } from '../../db/queries/run-record';
import type { AttemptEnd } from '../../db/queries/write-run-change';
import type { Actor } from '../auth/actor';
import { backoffDelay } from '../definition/backoff';
import type { Pipeline } from '../definition/define-pipeline';
import type { PipelineRegistry } from '../definition/pipeline-registry';
import { type Engine, JOB_MAX_ATTEMPTS, STEP_TASK, type StepJobPayload } from '../engine';
import { notifyObserver, type StepAttemptEvent } from '../engine-observer';
import { AppError } from '../errors';
import type { RunNoticeBatch } from '../live/run-notice-batch';
import { restore } from '../machine/machine-snapshot';
import type { ActiveAttempts } from './active-attempts';
import { executeStepHandler } from './execute-step-handler';
import { failRun } from './fail-run';
import type { PreclaimedAttempt, StepHandOff } from './hand-off';
import type { RunningSteps } from './running-steps';
import { type Settlement, settleStepAttempt } from './settle-step-attempt';
import { stepCapabilities } from './step-capabilities';
import { isDefinitionError } from './transition/decide-run-failure';
import type { GroupCommit } from './transition/group-commit';
import { idempotencyKeyOf, isCurrentStep } from './transition/step-instance';
import { untilDatabaseAnswers } from './until-database-answers';

export interface StepWorkerContext {
  workerId: string;
  /** Who the worker acts as: recorded on the transitions its steps cause. */
  actor: Actor;
  running: RunningSteps;
  /** The attempts this worker executes (its heartbeat lists them, so peers do not take them over). */
  attempts: ActiveAttempts;
  /** Fires when the worker shuts down (graphile-worker's job abort signal). */
  shutdownSignal?: AbortSignal;
  /** Where attempt starts are announced to consoles; without it, each is sent at once. */
  notices?: RunNoticeBatch;
  /** Commits the worker's transitions together when they come together. */
  groupCommit?: GroupCommit;
  /** The worker continues the run itself: the step's transition hands it the next job. */
  handOff?: StepHandOff;
  /**
   * What step handlers' capabilities are made from, when not `engine`: the worker's pool for work
   * around steps, so a handler's queries never wait behind the worker's own statements.
   */
  handlerEngine?: Engine;
}

export type StepJobResult =
  | 'applied'
  | 'retry-scheduled'
  | 'stale'
  | 'aborted'
  | 'run-failed'
  | 'busy'
  | 'held';

/** A job whose attempt runs on another live worker checks back after this long. */
export const BUSY_RECHECK_MS = 3_000;

/** Thrown so graphile-worker runs the job again later: the worker stopped mid-step, or the database went away. */
export class StepInterrupted extends Error {
  override readonly name = 'StepInterrupted';
}

/**
 * Executes one step job. A job for a step instance that is no longer current (stale version,
 * finished or cancelled run, a duplicate delivery) does nothing. Failures are retried by the step's
 * policy; when attempts run out the machine receives `step.<name>.failed`. Reads and writes that
 * fail because the database is unreachable are tried again until it answers (or the worker shuts
 * down): a finished handler's outcome is never lost, and never applied twice. A job whose attempt
 * is being executed on another live worker (or already in this process) is `busy`: it is added again
 * to check back later, and its handler does not run.
 */
export async function runStep(
  engine: Engine,
  payload: StepJobPayload,
  worker: StepWorkerContext,
  /** The attempt was opened by the transition that handed this job over (its key is reserved already). */
  preclaimed?: PreclaimedAttempt,
): Promise<StepJobResult> {
  const idempotencyKey = idempotencyKeyOf(payload.runId, payload.state, payload.attempt);
  if (preclaimed) {
    try {
      return await runClaimed(engine, payload, worker, idempotencyKey, preclaimed.run, preclaimed.attemptId);
    } finally {
      worker.attempts.end(idempotencyKey);
    }
  }
  let { seq, alreadyHere } = worker.attempts.begin(idempotencyKey);
  const offered = alreadyHere ? worker.attempts.offered(idempotencyKey) : undefined;
  if (offered) {
    // The same job was offered to this worker directly and is being claimed: if that claim did not
    // get the job (this runner fetched it first), this one goes on with it.
    worker.attempts.end(idempotencyKey);
    const taken = await offered.catch(() => false);
    ({ seq, alreadyHere } = worker.attempts.begin(idempotencyKey));
    if (taken) alreadyHere = true;
  }
  try {
    return await claimAndRun(engine, payload, worker, idempotencyKey, alreadyHere ? undefined : seq);
  } finally {
    worker.attempts.end(idempotencyKey);
  }
}

async function claimAndRun(
  engine: Engine,
  payload: StepJobPayload,
  worker: StepWorkerContext,
  idempotencyKey: string,
  /** Undefined when this process already executes the attempt: a duplicate delivery. */
  claimSeq: number | undefined,
): Promise<StepJobResult> {
  const persist = persisting(engine, payload, worker);
  const busy = async (busyWith: string) => {
    await persist(() =>
      requeueStepJob(engine.db, {
        task: STEP_TASK,
        payload: { ...payload },
        maxAttempts: JOB_MAX_ATTEMPTS,
        delayMs: BUSY_RECHECK_MS,
      }),
    );
    engine.logger.info(
      { runId: payload.runId, state: payload.state, attempt: payload.attempt, busyWith },
      'step attempt is running on a live worker; checking back later',
    );
    return 'busy' as const;
  };
  if (claimSeq === undefined) return busy(worker.workerId);
  const { run, attemptId, busyWith, held } = await persist(() =>
    claimStepAttempt(engine.db, { ...payload, workerId: worker.workerId, idempotencyKey, claimSeq }),
  );
  if (busyWith !== undefined) return busy(busyWith);
  if (held && run) {
    engine.logger.info({ runId: run.id, state: payload.state }, 'step held: pipeline paused');
    const notice = { runId: run.id, pipelineId: run.pipelineId, state: run.state, status: 'queued' as const };
    await persist(() => notifyRunChanged(engine.db, { ...notice, version: run.version }));
    return 'held';
  }
  if (attemptId === undefined || !isCurrentStep(run, payload)) {
    engine.logger.debug({ runId: payload.runId, state: payload.state }, 'stale step job skipped');
    return 'stale';
  }
  await announceAttemptStart(engine, worker, run);
  return runClaimed(engine, payload, worker, idempotencyKey, run, attemptId);
}

/** Tells consoles a claimed attempt started (batched with the worker's other notices when it has a batch). */
export async function announceAttemptStart(
  engine: Engine,
  worker: StepWorkerContext,
  run: RunRecord,
): Promise<void> {
  const notice = {
    runId: run.id,
    pipelineId: run.pipelineId,
    state: run.state,
    status: run.status === 'queued' ? ('running' as const) : run.status,
    version: run.version,
  };
  if (worker.notices) worker.notices.add(notice);
  else await notifyRunChanged(engine.db, notice);
}

/** Runs the handler of a claimed attempt and settles it. */
async function runClaimed(
  engine: Engine,
  payload: StepJobPayload,
  worker: StepWorkerContext,
  idempotencyKey: string,
  run: RunRecord,
  attemptId: number,
): Promise<StepJobResult> {
  const persist = persisting(engine, payload, worker);
  const finish = (end: AttemptEnd) =>
    persist(() => finishAttempt(engine.db, attemptId, end, worker.workerId));
  if (isNewerThanKnown(engine.registry, run.pipelineId, run.pipelineVersion)) {
    // A newer release started this run and this is an older worker (a rolling upgrade): leave the
    // job to a worker that has the definition; graphile-worker offers it again after a backoff.
    await finish({
      outcome: 'interrupted',
      error: { name: 'PipelineVersionUnknown', message: 'left for a worker with a newer release' },
      logs: [],
    });
    throw new StepInterrupted(
      `run ${run.id} needs pipeline '${run.pipelineId}' version ${run.pipelineVersion}, newer than this worker knows`,
    );
  }
  let pipeline: Pipeline;
  try {
    pipeline = engine.registry.get(run.pipelineId, run.pipelineVersion);
    restore(pipeline, run.snapshot, run.id);
  } catch (error) {
    if (!(error instanceof AppError && isDefinitionError(error))) throw error;
    await finish({ outcome: 'failed', error: error.toJSON(), logs: [] });
    await persist(() => failRun(engine, run, error, worker.actor));
    return 'run-failed';
  }

  const instance = run.activeSteps[payload.state]!;
  const step = pipeline.steps.get(instance.step)!;
  const tries = instance.attempt - instance.firstAttempt + 1;

  const controller = new AbortController();
  const untrack = worker.running.track(run.id, controller, run.version);
  const startedAt = performance.now();
  const outcome = await executeStepHandler(
    step,
    {
      runId: run.id,
      state: payload.state,
      input: run.input,
      context: run.snapshot.context,
      attempt: tries,
      idempotencyKey,
      ...stepCapabilities(worker.handlerEngine ?? engine, worker.actor),
    },
    controller,
    worker.shutdownSignal ? [worker.shutdownSignal] : [],
  ).finally(untrack);
  notifyObserver(engine, (o) =>
    o.stepAttemptEnded?.({
      pipelineId: run.pipelineId,
      runId: run.id,
      step: step.name,
      state: payload.state,
      attempt: tries,
      outcome: attemptOutcome(outcome),
      durationMs: performance.now() - startedAt,
    }),
  );

  const settle = (end: AttemptEnd, settlement: Settlement) =>
    persist(() =>
      settleStepAttempt(
        engine,
        {
          run,
          payload,
          attemptId,
          end,
          by: worker.actor,
          workerId: worker.workerId,
          handOff: worker.handOff,
          announce: worker.notices && ((notice) => worker.notices!.add(notice)),
          groupCommit: worker.groupCommit,
        },
        settlement,
      ),
    );
  if (outcome.ok) {
    return settle(
      { outcome: 'succeeded', error: null, logs: outcome.logs },
      { kind: 'outcome', outcome: { ok: true, output: outcome.output } },
    );
  }
  switch (outcome.aborted) {
    case 'cancel':
      await finish({ outcome: 'aborted', error: outcome.error, logs: outcome.logs });
      return 'aborted';
    case 'shutdown':
      await finish({ outcome: 'interrupted', error: outcome.error, logs: outcome.logs }).catch(() => false);
      throw new StepInterrupted(
        `step '${step.name}' of run ${run.id} interrupted by shutdown; it will run again`,
      );
    case 'timeout':
    case undefined:
      break;
  }
  if (outcome.databaseLost) {
    // Not the step's fault: the same attempt (same idempotency key) runs again once the database is back.
    await finish({ outcome: 'interrupted', error: outcome.error, logs: outcome.logs }).catch(() => false);
    throw new StepInterrupted(`step '${step.name}' of run ${run.id} lost the database; it will run again`);
  }
  const end = {
    outcome: outcome.aborted === 'timeout' ? 'timed_out' : 'failed',
    error: outcome.error,
    logs: outcome.logs,
  } as const;
  engine.logger.warn(
    {
      runId: run.id,
      state: payload.state,
      attempt: tries,
      of: step.maxAttempts,
      errName: outcome.error.name,
    },
    'step attempt failed',
  );
  if (tries < step.maxAttempts) {
    return settle(end, { kind: 'retry', delayMs: backoffDelay(step.backoff, tries) });
  }
  const failure = {
    message: outcome.error.message,
    name: outcome.error.name,
    attempts: tries,
    timedOut: outcome.aborted === 'timeout',
  };
  return settle(end, { kind: 'outcome', outcome: { ok: false, failure } });
}

/** Runs a write until the database answers (or the worker shuts down); see `untilDatabaseAnswers`. */
const persisting =
  (engine: Engine, payload: StepJobPayload, worker: StepWorkerContext) =>
  <T>(work: () => Promise<T>): Promise<T> =>
    untilDatabaseAnswers(work, {
      logger: engine.logger,
      signal: worker.shutdownSignal,
      what: { runId: payload.runId, state: payload.state, attempt: payload.attempt },
    });

/** Unknown pipeline, or a version above the newest one registered here (not an old, removed one). */
function isNewerThanKnown(registry: PipelineRegistry, pipelineId: string, version: number): boolean {
  return !registry.has(pipelineId) || version > registry.latest(pipelineId).version;
}

function attemptOutcome(
  outcome: Awaited<ReturnType<typeof executeStepHandler>>,
): StepAttemptEvent['outcome'] {
  if (outcome.ok) return 'succeeded';
  switch (outcome.aborted) {
    case 'cancel':
      return 'aborted';
    case 'shutdown':
      return 'interrupted';
    case 'timeout':
      return 'timed_out';
    case undefined:
      return 'failed';
  }
}
