import { randomUUID } from 'node:crypto';
import type { StartRunRequest } from '../../contracts/run-requests';
import { findRunByIdempotencyKey } from '../../db/queries/find-run-by-idempotency-key';
import type { RunRecord } from '../../db/queries/run-record';
import { type Actor, authorize } from '../auth/actor';
import type { Engine } from '../engine';
import { AppError, fieldErrors } from '../errors';
import { commitRunChange } from './transition/commit-run-change';
import { decideStart } from './transition/decide-start';

export interface StartRunResult {
  run: RunRecord;
  /** false when an existing run was returned for a repeated idempotency key. */
  created: boolean;
}

/**
 * Starts a run, for an actor with `runs:write`: validates the input against the pipeline's schema
 * (field-by-field errors), returns the existing run for a repeated idempotency key, and commits the
 * run, its first transition, its audit row and the first step jobs in one statement.
 */
export async function startRun(engine: Engine, request: StartRunRequest, by: Actor): Promise<StartRunResult> {
  authorize(by, 'runs:write');
  const pipeline = engine.registry.latest(request.pipelineId);
  const parsed = pipeline.input.safeParse(request.input);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', `input does not match pipeline '${pipeline.id}'`, {
      fields: fieldErrors(parsed.error.issues),
    });
  }
  const idempotencyKey = request.idempotencyKey ?? null;
  if (idempotencyKey) {
    const existing = await findRunByIdempotencyKey(engine.db, pipeline.id, idempotencyKey);
    if (existing) return { run: existing, created: false };
  }

  const change = decideStart(pipeline, parsed.data);
  const identity = {
    id: randomUUID(),
    pipelineId: pipeline.id,
    pipelineVersion: pipeline.version,
    input: parsed.data,
    idempotencyKey,
  };
  const { state } = change.update;
  const written = await commitRunChange(engine, { newRun: identity }, change, {
    by,
    audit: {
      action: 'run.start',
      reason: null,
      details: { pipelineId: pipeline.id, pipelineVersion: pipeline.version, state },
    },
  });
  if (written) {
    engine.logger.info({ runId: identity.id, pipelineId: pipeline.id, state }, 'run started');
    return { run: { ...identity, ...change.update, ...written }, created: true };
  }
  // Lost a race with a concurrent start for the same idempotency key: theirs is the run.
  const existing = idempotencyKey && (await findRunByIdempotencyKey(engine.db, pipeline.id, idempotencyKey));
  if (!existing) throw new AppError('INTERNAL', 'idempotency key conflict without a run');
  return { run: existing, created: false };
}
