import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import type { RunStatus } from '../schema';

export interface StateStatusCount {
  /** The `runs.state` label: leaf paths joined by ','. */
  state: string;
  status: RunStatus;
  /** At most `cap` (see `capped`). */
  count: number;
  /** The count stopped at the cap: there are more runs. */
  capped: boolean;
}

/**
 * Runs of a pipeline per current state and status, each counted up to `cap`. The (state, status)
 * pairs present are found by skipping through runs_pipeline_state_idx (one probe per pair, not one
 * row per run), then each pair is counted in its own bounded index range.
 */
export async function countRunsByState(
  db: Executor,
  pipelineId: string,
  cap: number,
): Promise<StateStatusCount[]> {
  const rows = await db.execute<{ state: string; status: RunStatus; count: number }>(sql`
    with recursive pairs(state, status) as (
      (select state, status from runs where pipeline_id = ${pipelineId} order by state, status limit 1)
      union all
      select next.state, next.status from pairs
      cross join lateral (
        select state, status from runs
        where pipeline_id = ${pipelineId} and (state, status) > (pairs.state, pairs.status)
        order by state, status limit 1
      ) as next
    )
    select pairs.state, pairs.status, (
      select count(*)::int from (
        select 1 from runs
        where pipeline_id = ${pipelineId} and state = pairs.state and status = pairs.status
        limit ${cap + 1}
      ) as hit
    ) as count
    from pairs order by pairs.state, pairs.status`);
  return rows.map((row) => ({ ...row, count: Math.min(row.count, cap), capped: row.count > cap }));
}
