import { claimStepAttempt } from '../../db/queries/claim-step-attempt';
import { finishAttempt } from '../../db/queries/finish-attempt';
import { notifyRunChanged } from '../../db/queries/notify-run-changed';
import type { Actor } from '../auth/actor';
import { backoffDelay } from '../definition/backoff';
import type { Pipeline } from '../definition/define-pipeline';
import type { PipelineRegistry } from '../definition/pipeline-registry';
import type { Engine, StepJobPayload } from '../engine';
import { notifyObserver, type StepAttemptEvent } from '../engine-observer';
import { AppError } from '../errors';
import type { RunNoticeBatch } from '../live/run-notice-batch';
import { restore } from '../machine/machine-snapshot';
import { executeStepHandler } from './execute-step-handler';
import { failRun } from './fail-run';
import type { RunningSteps } from './running-steps';
import { settleStepAttempt } from './settle-step-attempt';
import { stepCapabilities } from './step-capabilities';
import { isDefinitionError } from './transition/decide-run-failure';
import { idempotencyKeyOf, isCurrentStep } from './transition/step-instance';

export interface StepWorkerContext {
  workerId: string;
  /** Who the worker acts as: recorded on the transitions its steps cause. */
  actor: Actor;
  running: RunningSteps;
  /** Fires when the worker shuts down (graphile-worker's job abort signal). */
  shutdownSignal?: AbortSignal;
  /** Where attempt starts are announced to consoles; without it, each is sent at once. */
  notices?: RunNoticeBatch;
}

export type StepJobResult = 'applied' | 'retry-scheduled' | 'stale' | 'aborted' | 'run-failed' | 'held';

/** Thrown so graphile-worker runs the job again later: the worker stopped mid-step. */
export class StepInterrupted extends Error {
  override readonly name = 'StepInterrupted';
}

/**
 * Executes one step job. A job for a step instance that is no longer current (stale version,
 * finished or cancelled run, a duplicate delivery) does nothing. Failures are retried by the step's
 * policy; when attempts run out the machine receives `step.<name>.failed`.
 */
export async function runStep(
  engine: Engine,
  payload: StepJobPayload,
  worker: StepWorkerContext,
): Promise<StepJobResult> {
  const idempotencyKey = idempotencyKeyOf(payload.runId, payload.state, payload.attempt);
  const { run, attemptId, held } = await claimStepAttempt(engine.db, {
    ...payload,
    workerId: worker.workerId,
    idempotencyKey,
  });
  if (held && run) {
    engine.logger.info({ runId: run.id, state: payload.state }, 'step held: pipeline paused');
    const notice = { runId: run.id, pipelineId: run.pipelineId, state: run.state, status: 'queued' as const };
    await notifyRunChanged(engine.db, { ...notice, version: run.version });
    return 'held';
  }
  if (attemptId === undefined || !isCurrentStep(run, payload)) {
    engine.logger.debug({ runId: payload.runId, state: payload.state }, 'stale step job skipped');
    return 'stale';
  }
  if (isNewerThanKnown(engine.registry, run.pipelineId, run.pipelineVersion)) {
    // A newer release started this run and this is an older worker (a rolling upgrade): leave the
    // job to a worker that has the definition; graphile-worker offers it again after a backoff.
    await finishAttempt(engine.db, attemptId, {
      outcome: 'interrupted',
      error: { name: 'PipelineVersionUnknown', message: 'left for a worker with a newer release' },
      logs: [],
    });
    throw new StepInterrupted(
      `run ${run.id} needs pipeline '${run.pipelineId}' version ${run.pipelineVersion}, newer than this worker knows`,
    );
  }
  const notice = {
    runId: run.id,
    pipelineId: run.pipelineId,
    state: run.state,
    status: run.status === 'queued' ? ('running' as const) : run.status,
    version: run.version,
  };
  if (worker.notices) worker.notices.add(notice);
  else await notifyRunChanged(engine.db, notice);
  let pipeline: Pipeline;
  try {
    pipeline = engine.registry.get(run.pipelineId, run.pipelineVersion);
    restore(pipeline, run.snapshot, run.id);
  } catch (error) {
    if (!(error instanceof AppError && isDefinitionError(error))) throw error;
    await finishAttempt(engine.db, attemptId, { outcome: 'failed', error: error.toJSON(), logs: [] });
    await failRun(engine, run, error, worker.actor);
    return 'run-failed';
  }

  const instance = run.activeSteps[payload.state]!;
  const step = pipeline.steps.get(instance.step)!;
  const tries = instance.attempt - instance.firstAttempt + 1;

  const controller = new AbortController();
  const untrack = worker.running.track(run.id, controller);
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
      ...stepCapabilities(engine, worker.actor),
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

  const base = { run, payload, attemptId, by: worker.actor };
  if (outcome.ok) {
    return settleStepAttempt(
      engine,
      { ...base, end: { outcome: 'succeeded', error: null, logs: outcome.logs } },
      { kind: 'outcome', outcome: { ok: true, output: outcome.output } },
    );
  }
  switch (outcome.aborted) {
    case 'cancel':
      await finishAttempt(engine.db, attemptId, {
        outcome: 'aborted',
        error: outcome.error,
        logs: outcome.logs,
      });
      return 'aborted';
    case 'shutdown':
      await finishAttempt(engine.db, attemptId, {
        outcome: 'interrupted',
        error: outcome.error,
        logs: outcome.logs,
      });
      throw new StepInterrupted(
        `step '${step.name}' of run ${run.id} interrupted by shutdown; it will run again`,
      );
    case 'timeout':
    case undefined:
      break;
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
    const delayMs = backoffDelay(step.backoff, tries);
    return settleStepAttempt(engine, { ...base, end }, { kind: 'retry', delayMs });
  }
  const failure = {
    message: outcome.error.message,
    name: outcome.error.name,
    attempts: tries,
    timedOut: outcome.aborted === 'timeout',
  };
  return settleStepAttempt(engine, { ...base, end }, { kind: 'outcome', outcome: { ok: false, failure } });
}

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
