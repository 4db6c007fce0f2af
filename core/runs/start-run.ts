import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { addJobs } from '../../db/queries/add-step-jobs';
import { findRunByIdempotencyKey } from '../../db/queries/find-run-by-idempotency-key';
import { insertAuditEvent } from '../../db/queries/insert-audit-event';
import { insertRun } from '../../db/queries/insert-run';
import { insertTransition } from '../../db/queries/insert-transition';
import { notifyRunChanged } from '../../db/queries/notify-run-changed';
import type { RunRecord } from '../../db/queries/run-record';
import type { Engine } from '../engine';
import { AppError, fieldErrors } from '../errors';
import { persist, start, stateLabel } from '../machine/machine-snapshot';
import { planSteps } from './active-steps';
import { stepJobs } from './commit-run-change';
import { deriveStatus } from './run-status';

export const StartRunRequestSchema = z.object({
  pipelineId: z.string().min(1, 'pipelineId is required').max(100),
  input: z.unknown(),
  idempotencyKey: z.string().min(1).max(200).optional(),
});
export type StartRunRequest = z.infer<typeof StartRunRequestSchema>;

export interface StartRunResult {
  run: RunRecord;
  /** false when an existing run was returned for a repeated idempotency key. */
  created: boolean;
}

/**
 * Starts a run: validates the input against the pipeline's schema (field-by-field errors), returns
 * the existing run for a repeated idempotency key, and commits the run, its first transition and the
 * first step jobs in one transaction.
 */
export async function startRun(
  engine: Engine,
  request: StartRunRequest,
  actor: string,
): Promise<StartRunResult> {
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

  const inserted = await engine.db.transaction(async (tx) => {
    const run = await insertRun(tx, {
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
      finishedAt: status === 'succeeded' || status === 'failed' ? new Date() : null,
    });
    if (!run) return undefined;
    await insertTransition(tx, {
      runId: id,
      runVersion: 1,
      fromState: null,
      event: 'signalbox.start',
      toState: state,
      actor,
      durationMs: null,
    });
    await addJobs(tx, stepJobs(id, run, plan.entered));
    await insertAuditEvent(tx, {
      actor,
      action: 'run.start',
      runId: id,
      reason: null,
      outcome: 'accepted',
      details: { pipelineId: pipeline.id, pipelineVersion: pipeline.version, state },
    });
    await notifyRunChanged(tx, { runId: id, pipelineId: pipeline.id, state, status, version: 1 });
    return run;
  });
  if (inserted) {
    engine.logger.info({ runId: id, pipelineId: pipeline.id, state, actor }, 'run started');
    return { run: inserted, created: true };
  }
  // Lost a race with a concurrent start for the same idempotency key: theirs is the run.
  const existing = await findRunByIdempotencyKey(engine.db, pipeline.id, request.idempotencyKey!);
  if (!existing) throw new AppError('INTERNAL', 'idempotency key conflict without a run');
  return { run: existing, created: false };
}
