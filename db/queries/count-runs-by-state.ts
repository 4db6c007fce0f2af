import { count, eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { type RunStatus, runs } from '../schema';

export interface StateStatusCount {
  /** The `runs.state` label: leaf paths joined by ','. */
  state: string;
  status: RunStatus;
  count: number;
}

/** Runs of a pipeline per current state and status (an index-only scan of runs_pipeline_state_idx). */
export async function countRunsByState(db: Executor, pipelineId: string): Promise<StateStatusCount[]> {
  return db
    .select({ state: runs.state, status: runs.status, count: count() })
    .from(runs)
    .where(eq(runs.pipelineId, pipelineId))
    .groupBy(runs.state, runs.status)
    .orderBy(runs.state, runs.status);
}
