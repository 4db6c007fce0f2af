import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

/**
 * Adds the step job again, to run after `delayMs` (the database's clock): a job that found its step
 * attempt running on a live worker checks back later, without using up one of graphile-worker's
 * attempts (whose backoff grows to hours).
 */
export async function requeueStepJob(
  db: Executor,
  job: { task: string; payload: Record<string, unknown>; maxAttempts: number; delayMs: number },
): Promise<void> {
  await db.execute(sql`
    select graphile_worker.add_job(${job.task}, ${JSON.stringify(job.payload)}::json,
      run_at => now() + make_interval(secs => ${job.delayMs / 1000}), max_attempts => ${job.maxAttempts})`);
}
