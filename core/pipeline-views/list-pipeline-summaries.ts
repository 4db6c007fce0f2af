import { SUMMARY_COUNT_CAP } from '../../contracts/runs';
import { countRunsPerPipeline } from '../../db/queries/count-runs-per-pipeline';
import type { RunStatus } from '../../db/schema';
import { type Actor, authorize } from '../auth/actor';
import type { Engine } from '../engine';
import { cappedStatusCounts, type RunStatusCounts } from '../runs/run-summary';

export interface PipelineSummary {
  id: string;
  version: number;
  title: string;
  description: string;
  steps: number;
  schedules: { name: string; cron: string }[];
  /** All runs of the pipeline (any version), per status, each up to `SUMMARY_COUNT_CAP`. */
  counts: RunStatusCounts;
  /** A lower bound when a status is capped. */
  total: number;
  /** Statuses whose count stopped at `SUMMARY_COUNT_CAP`. */
  capped: RunStatus[];
  lastActivityAt: string | null;
}

/** Every registered pipeline (newest versions) with its run counts (capped, so bounded whatever the table). */
export async function listPipelineSummaries(engine: Engine, reader: Actor): Promise<PipelineSummary[]> {
  authorize(reader, 'runs:read');
  const pipelines = engine.registry.list();
  const rows = await countRunsPerPipeline(
    engine.db,
    pipelines.map((pipeline) => pipeline.id),
    SUMMARY_COUNT_CAP,
  );
  return pipelines.map((pipeline) => {
    const mine = rows.filter((row) => row.pipelineId === pipeline.id);
    const { counts, capped } = cappedStatusCounts(mine, SUMMARY_COUNT_CAP);
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
      total: Object.values(counts).reduce((sum, n) => sum + n, 0),
      capped,
      lastActivityAt: last?.toISOString() ?? null,
    };
  });
}
