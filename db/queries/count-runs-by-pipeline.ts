import { count, gte, max } from 'drizzle-orm';
import type { Executor } from '../client';
import { type RunStatus, runs } from '../schema';

export interface PipelineStatusCount {
  pipelineId: string;
  status: RunStatus;
  count: number;
  /** The latest change of a run in this group (for `failed`: roughly the last failure). */
  lastUpdatedAt: Date | null;
}

/** Runs per pipeline and status created since a time (a window, so bounded): one GROUP BY. */
export async function countRunsByPipeline(db: Executor, since: Date): Promise<PipelineStatusCount[]> {
  return db
    .select({
      pipelineId: runs.pipelineId,
      status: runs.status,
      count: count(),
      lastUpdatedAt: max(runs.updatedAt),
    })
    .from(runs)
    .where(gte(runs.createdAt, since))
    .groupBy(runs.pipelineId, runs.status);
}
