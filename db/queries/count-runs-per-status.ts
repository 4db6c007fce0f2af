import { and, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { RUN_STATUSES, type RunStatus, runs } from '../schema';
import { type RunFilter, runFilterWhere } from './run-filter-sql';

/**
 * Runs matching the filter, per status (the filter's own statuses, or all), each counted up to
 * `cap + 1` rows: a count of `cap + 1` means "more than cap". One index range per status, so the
 * cost is bounded by the cap, not by the size of the table (an exact GROUP BY reads every row).
 */
export async function countRunsPerStatus(
  db: Executor,
  filter: RunFilter,
  cap: number,
): Promise<{ status: RunStatus; count: number }[]> {
  const statuses = filter.statuses?.length ? filter.statuses : RUN_STATUSES;
  const where: SQL = and(
    sql`${runs.status} = wanted.status`,
    runFilterWhere({ ...filter, statuses: undefined }),
  )!;
  const rows = await db.execute<{ status: RunStatus; count: number }>(sql`
    select wanted.status, (
      select count(*)::int from (select 1 from ${runs} where ${where} limit ${cap + 1}) as hit
    ) as count
    from unnest(${sql.param([...statuses])}::text[]) as wanted(status)`);
  return [...rows];
}
