import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

export interface JobSpec {
  task: string;
  payload: Record<string, unknown>;
  runAt?: Date;
  maxAttempts: number;
  /**
   * A step job a single start may give an idle worker directly (see `writeNewRuns`): the step's name
   * and its attempt's idempotency key, for the attempt the start opens in that worker's name.
   */
  dispatch?: { step: string; idempotencyKey: string };
}

/**
 * Enqueues graphile-worker jobs inside the caller's transaction (`graphile_worker.add_jobs` in SQL),
 * so they exist exactly when the change that made them commits.
 */
export async function addJobs(db: Executor, jobs: readonly JobSpec[]): Promise<void> {
  if (jobs.length === 0) return;
  const specs = jobs.map((job) => ({
    identifier: job.task,
    payload: job.payload,
    run_at: job.runAt?.toISOString() ?? null,
    max_attempts: job.maxAttempts,
  }));
  await db.execute(sql`
    select graphile_worker.add_jobs(
      array(select json_populate_recordset(null::graphile_worker.job_spec, ${JSON.stringify(specs)}::json))
    )`);
}
