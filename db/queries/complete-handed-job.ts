import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

/**
 * Completes a job handed to this worker (inserted locked by its pool) whose step committed no
 * transition (stale, aborted, handed to a live owner): deletes it while this pool still holds it.
 */
export async function completeHandedJob(
  db: Executor,
  job: { jobId: string; lockedBy: string },
): Promise<void> {
  await db.execute(sql`
    delete from graphile_worker._private_jobs where id = ${job.jobId}::bigint and locked_by = ${job.lockedBy}`);
}
