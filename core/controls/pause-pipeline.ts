import type { PauseRequest, PipelinePause } from '../../contracts/controls';
import { pausePipelineControl } from '../../db/queries/pause-pipeline-control';
import { selectPausedPipelines } from '../../db/queries/select-pipeline-controls';
import { auditRefusal } from '../audit/record-audit';
import { type Actor, auditIdentity, authorize } from '../auth/actor';
import type { Engine } from '../engine';
import { AppError } from '../errors';
import { pauseView } from './list-pipeline-pauses';

/**
 * Pauses a pipeline (every version): runs started from now on are accepted as `queued`, steps that
 * come up are held, steps already running finish. Audited with the reason, which is required.
 * `PIPELINE_NOT_FOUND` (404), `PIPELINE_ALREADY_PAUSED` (409, audited as refused).
 */
export async function pausePipeline(
  engine: Engine,
  pipelineId: string,
  request: PauseRequest,
  by: Actor,
): Promise<PipelinePause> {
  authorize(by, 'runs:write');
  const pipeline = engine.registry.latest(pipelineId);
  const reason = request.reason.trim();
  if (!reason) {
    throw new AppError('VALIDATION_FAILED', 'a reason is required: say why the pipeline is paused', {
      fields: [{ path: 'reason', message: 'required' }],
    });
  }
  const paused = await pausePipelineControl(engine.db, {
    pipelineId: pipeline.id,
    reason,
    ...auditIdentity(by),
  });
  if (!paused) {
    const [current] = await selectPausedPipelines(engine.db, pipeline.id);
    throw await auditRefusal(engine, {
      by,
      action: 'pipeline.pause',
      target: `pipeline:${pipeline.id}`,
      reason,
      error: new AppError(
        'PIPELINE_ALREADY_PAUSED',
        `pipeline '${pipeline.id}' is already paused${current ? ` (by ${current.pausedBy} since ${current.pausedAt.toISOString()})` : ''}`,
      ),
    });
  }
  engine.logger.info({ pipelineId: pipeline.id, actor: paused.pausedBy }, 'pipeline paused');
  return pauseView({ ...paused, queuedRuns: 0 });
}
