import type { ResumeRequest, ResumeResult } from '../../contracts/controls';
import type { Executor } from '../../db/client';
import { lockPipelineSlots } from '../../db/queries/lock-concurrency-slots';
import { releasePausedPipeline } from '../../db/queries/release-paused-pipeline';
import { auditRefusal } from '../audit/record-audit';
import { type Actor, auditIdentity, authorize } from '../auth/actor';
import { type Engine, JOB_MAX_ATTEMPTS, STEP_TASK } from '../engine';
import { AppError } from '../errors';
import { fillPipelineSlots } from '../runs/transition/concurrency-slots';

/**
 * Resumes a paused pipeline: the steps held while it was paused are enqueued again in the order they
 * were held, and its queued runs go back to `running`; with a concurrency limit, runs waiting for a
 * slot then start (oldest first) only up to the limit of their key. Audited. `PIPELINE_NOT_PAUSED` (409).
 */
export async function resumePipeline(
  engine: Engine,
  pipelineId: string,
  request: ResumeRequest,
  by: Actor,
): Promise<ResumeResult> {
  authorize(by, 'runs:write');
  const pipeline = engine.registry.latest(pipelineId);
  const reason = request.reason?.trim() || null;
  const concurrency = pipeline.concurrency;
  const released = await engine.db.transaction(async (tx) => {
    // All of the pipeline's slots, before the control row: slot changes under way finish first (their
    // queued runs are seen below), and those that come later see the pipeline resumed.
    if (concurrency) await lockPipelineSlots(tx as Executor, pipeline.id);
    const released = await releasePausedPipeline(tx as Executor, {
      pipelineId: pipeline.id,
      reason,
      ...auditIdentity(by),
      stepTask: STEP_TASK,
      maxAttempts: JOB_MAX_ATTEMPTS,
    });
    if (!released || !concurrency) return released;
    const started = await fillPipelineSlots(tx as Executor, pipeline.id, concurrency);
    return { ...released, runs: released.runs + started.size };
  });
  if (!released) {
    throw await auditRefusal(engine, {
      by,
      action: 'pipeline.resume',
      target: `pipeline:${pipeline.id}`,
      reason,
      error: new AppError('PIPELINE_NOT_PAUSED', `pipeline '${pipeline.id}' is not paused`),
    });
  }
  engine.logger.info({ pipelineId: pipeline.id, ...released }, 'pipeline resumed');
  return { releasedRuns: released.runs, releasedSteps: released.steps };
}
