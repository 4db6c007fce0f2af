import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { runs } from '../schema';
import { type RunFilter, runFilterWhere } from './run-filter-sql';

/** The failed runs matching the filter (its statuses are ignored). */
export const failedRunsWhere = (filter: RunFilter) =>
  and(runFilterWhere({ ...filter, statuses: undefined }), eq(runs.status, 'failed'));

/** Failed runs matching the filter (its statuses are ignored), newest first: ids and versions only. */
export async function listFailedRuns(
  db: Executor,
  filter: RunFilter,
  limit: number,
): Promise<{ id: string; version: number }[]> {
  return db
    .select({ id: runs.id, version: runs.version })
    .from(runs)
    .where(failedRunsWhere(filter))
    .orderBy(desc(runs.createdAt), desc(runs.id))
    .limit(limit);
}
