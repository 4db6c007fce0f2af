import type { PipelinePause } from '../../contracts/controls';
import { type PipelineControl, selectPausedPipelines } from '../../db/queries/select-pipeline-controls';
import { type Actor, authorize } from '../auth/actor';
import type { Engine } from '../engine';

export const pauseView = (p: PipelineControl & { queuedRuns: number }): PipelinePause => ({
  pipelineId: p.pipelineId,
  pausedAt: p.pausedAt.toISOString(),
  pausedBy: p.pausedBy,
  reason: p.reason,
  queuedRuns: p.queuedRuns,
});

/** The paused pipelines (or whether the one asked for is), for the overview and pipeline pages. */
export async function listPipelinePauses(
  engine: Engine,
  reader: Actor,
  pipelineId?: string,
): Promise<PipelinePause[]> {
  authorize(reader, 'runs:read');
  return (await selectPausedPipelines(engine.db, pipelineId)).map(pauseView);
}

/** Whether a pipeline is paused now (the cron task asks before starting a tick's run). */
export async function isPipelinePaused(engine: Engine, pipelineId: string): Promise<boolean> {
  return (await selectPausedPipelines(engine.db, pipelineId)).length > 0;
}
