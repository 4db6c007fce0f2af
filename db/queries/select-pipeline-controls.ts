import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

/** A paused pipeline: since when, by whom, why. */
export interface PipelineControl {
  pipelineId: string;
  pausedAt: Date;
  pausedBy: string;
  reason: string;
}

/** The paused pipelines (all, or the one asked for), with how many of their runs are queued. */
export async function selectPausedPipelines(
  db: Executor,
  pipelineId?: string,
): Promise<(PipelineControl & { queuedRuns: number })[]> {
  const rows = await db.execute<{
    pipelineId: string;
    pausedAt: string;
    pausedBy: string;
    reason: string;
    queuedRuns: number;
  }>(sql`
    select c.pipeline_id as "pipelineId", c.paused_at as "pausedAt", c.paused_by as "pausedBy",
      c.pause_reason as reason,
      (select count(*) from runs r where r.pipeline_id = c.pipeline_id and r.status = 'queued')::int as "queuedRuns"
    from pipeline_controls c
    where c.paused_at is not null ${pipelineId === undefined ? sql`` : sql`and c.pipeline_id = ${pipelineId}`}
    order by c.pipeline_id`);
  return rows.map((row) => ({ ...row, pausedAt: new Date(row.pausedAt) }));
}
