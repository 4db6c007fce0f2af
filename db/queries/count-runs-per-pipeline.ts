import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { RUN_STATUSES, type RunStatus } from '../schema';

export interface PipelineStatusTally {
  pipelineId: string;
  status: RunStatus;
  /** Up to `cap + 1`: `cap + 1` means more than `cap`. */
  count: number;
  /** The latest change of a run of this pipeline in this status. */
  lastUpdatedAt: Date | null;
}

/**
 * Runs of each pipeline per status, each counted up to `cap + 1`, with the latest change in each:
 * two short probes of runs_pipeline_status_updated_idx per (pipeline, status), whatever the size of
 * the table (a GROUP BY over all runs reads every row).
 */
export async function countRunsPerPipeline(
  db: Executor,
  pipelineIds: readonly string[],
  cap: number,
): Promise<PipelineStatusTally[]> {
  const rows = await db.execute<{
    pipeline_id: string;
    status: RunStatus;
    count: number;
    last_updated_at: string | null;
  }>(sql`
    select p.pipeline_id, s.status,
      (select count(*)::int from (
        select 1 from runs where pipeline_id = p.pipeline_id and status = s.status limit ${cap + 1}
      ) as hit) as count,
      (select max(updated_at) from runs where pipeline_id = p.pipeline_id and status = s.status)
        as last_updated_at
    from unnest(${sql.param([...pipelineIds])}::text[]) as p(pipeline_id)
    cross join unnest(${sql.param([...RUN_STATUSES])}::text[]) as s(status)`);
  return rows.map((row) => ({
    pipelineId: row.pipeline_id,
    status: row.status,
    count: row.count,
    lastUpdatedAt: row.last_updated_at ? new Date(row.last_updated_at) : null,
  }));
}
