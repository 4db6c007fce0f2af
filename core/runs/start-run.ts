import { randomUUID } from 'node:crypto';
import type { StartRunRequest } from '../../contracts/run-requests';
import { findRunByIdempotencyKey } from '../../db/queries/find-run-by-idempotency-key';
import { insertStartedRun } from '../../db/queries/insert-started-run';
import type { NewRun, RunRecord } from '../../db/queries/run-record';
import { type Actor, actorFields } from '../audit/actor';
import type { Engine } from '../engine';
import { AppError, fieldErrors } from '../errors';
import { persist, start, stateLabel } from '../machine/machine-snapshot';
import { planSteps } from './active-steps';
import { stepJobs } from './commit-run-change';
import { deriveStatus, isTerminal } from './run-status';

export interface StartRunResult {
  run: RunRecord;
  /** false when an existing run was returned for a repeated idempotency key. */
  created: boolean;
}

/**
 * Starts a run: validates the input against the pipeline's schema (field-by-field errors), returns
 * the existing run for a repeated idempotency key, and commits the run, its first transition, its
 * audit row and the first step jobs in one statement.
 */
export async function startRun(engine: Engine, request: StartRunRequest, by: Actor): Promise<StartRunResult> {
  const pipeline = engine.registry.latest(request.pipelineId);
  const parsed = pipeline.input.safeParse(request.input);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', `input does not match pipeline '${pipeline.id}'`, {
      fields: fieldErrors(parsed.error.issues),
    });
  }
  if (request.idempotencyKey) {
    const existing = await findRunByIdempotencyKey(engine.db, pipeline.id, request.idempotencyKey);
    if (existing) return { run: existing, created: false };
  }

  const snapshot = start(pipeline, parsed.data);
  const plan = planSteps(pipeline, snapshot, {}, {}, 1);
  const state = stateLabel(snapshot.value);
  const status = deriveStatus(snapshot, plan.entered.length);
  const id = randomUUID();

  const run: NewRun = {
    id,
    pipelineId: pipeline.id,
    pipelineVersion: pipeline.version,
    state,
    stateValue: snapshot.value,
    status,
    snapshot: persist(pipeline.machine, snapshot),
    input: parsed.data,
    idempotencyKey: request.idempotencyKey ?? null,
    activeSteps: plan.activeSteps,
    attemptCounters: plan.attemptCounters,
    error: null,
    failedState: null,
    finishedAt: isTerminal(status) ? new Date() : null,
  };
  const who = actorFields(by);
  const createdAt = await insertStartedRun(engine.db, {
    run,
    ...who,
    jobs: stepJobs(id, plan, plan.entered),
    auditDetails: { pipelineId: pipeline.id, pipelineVersion: pipeline.version, state },
  });
  if (createdAt) {
    engine.logger.info({ runId: id, pipelineId: pipeline.id, state, actor: who.actor }, 'run started');
    return { run: { ...run, version: 1, createdAt, updatedAt: createdAt }, created: true };
  }
  // Lost a race with a concurrent start for the same idempotency key: theirs is the run.
  const existing = await findRunByIdempotencyKey(engine.db, pipeline.id, request.idempotencyKey!);
  if (!existing) throw new AppError('INTERNAL', 'idempotency key conflict without a run');
  return { run: existing, created: false };
}
