import { countRunsByPipeline } from '../../db/queries/count-runs-by-pipeline';
import { type Actor, authorize } from '../auth/actor';
import type { Engine } from '../engine';
import { type RunStatusCounts, statusCounts } from '../runs/run-summary';

export interface PipelineSummary {
  id: string;
  version: number;
  title: string;
  description: string;
  steps: number;
  schedules: { name: string; cron: string }[];
  /** All runs of the pipeline (any version), per status. */
  counts: RunStatusCounts;
  total: number;
  lastActivityAt: string | null;
}

/** Every registered pipeline (newest versions) with its run counts: one GROUP BY for all of them. */
export async function listPipelineSummaries(engine: Engine, reader: Actor): Promise<PipelineSummary[]> {
  authorize(reader, 'runs:read');
  const rows = await countRunsByPipeline(engine.db);
  return engine.registry.list().map((pipeline) => {
    const mine = rows.filter((row) => row.pipelineId === pipeline.id);
    const counts = statusCounts(mine);
    const last = mine.reduce<Date | null>((latest, row) => {
      if (!row.lastUpdatedAt) return latest;
      return !latest || row.lastUpdatedAt > latest ? row.lastUpdatedAt : latest;
    }, null);
    return {
      id: pipeline.id,
      version: pipeline.version,
      title: pipeline.title,
      description: pipeline.description,
      steps: pipeline.steps.size,
      schedules: pipeline.schedules.map((schedule, index) => ({
        name: schedule.name ?? String(index),
        cron: schedule.cron,
      })),
      counts,
      total: mine.reduce((sum, row) => sum + row.count, 0),
      lastActivityAt: last?.toISOString() ?? null,
    };
  });
}
