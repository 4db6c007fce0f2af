import type { ResumeRequest, ResumeResult } from '../../contracts/controls';
import { releasePausedPipeline } from '../../db/queries/release-paused-pipeline';
import { auditRefusal } from '../audit/record-audit';
import { type Actor, auditIdentity, authorize } from '../auth/actor';
import { type Engine, JOB_MAX_ATTEMPTS, STEP_TASK } from '../engine';
import { AppError } from '../errors';

/**
 * Resumes a paused pipeline: the steps held while it was paused are enqueued again in the order they
 * were held, and its queued runs go back to `running`. Audited. `PIPELINE_NOT_PAUSED` (409).
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
  const released = await releasePausedPipeline(engine.db, {
    pipelineId: pipeline.id,
    reason,
    ...auditIdentity(by),
    stepTask: STEP_TASK,
    maxAttempts: JOB_MAX_ATTEMPTS,
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
