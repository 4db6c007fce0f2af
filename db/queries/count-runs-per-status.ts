import { count } from 'drizzle-orm';
import type { Executor } from '../client';
import { type RunStatus, runs } from '../schema';
import { type RunFilter, runFilterWhere } from './run-filter-sql';

/** Runs matching the filter, per status: one GROUP BY. */
export async function countRunsPerStatus(
  db: Executor,
  filter: RunFilter,
): Promise<{ status: RunStatus; count: number }[]> {
  return db
    .select({ status: runs.status, count: count() })
    .from(runs)
    .where(runFilterWhere(filter))
    .groupBy(runs.status);
}
