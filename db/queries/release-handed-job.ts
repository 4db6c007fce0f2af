import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { JOBS_INSERTED_CHANNEL } from './release-lost-jobs';

/**
 * Gives a job handed to this worker back to the queue, as graphile-worker fails a job: unlocked,
 * with its error, due now (`retryNow`, e.g. the worker is shutting down) or after graphile-worker's
 * own backoff (e^attempts seconds); the other workers are woken.
 */
export async function releaseHandedJob(
  db: Executor,
  job: { jobId: string; lockedBy: string },
  release: { error: string; retryNow: boolean },
): Promise<void> {
  await db.execute(sql`
    with released as (
      update graphile_worker._private_jobs set locked_at = null, locked_by = null, last_error = ${release.error},
        run_at = case when ${release.retryNow}::boolean then now()
          else greatest(now(), run_at) + exp(least(attempts, 10)) * interval '1 second' end,
        updated_at = now()
      where id = ${job.jobId}::bigint and locked_by = ${job.lockedBy}
      returning id)
    select pg_notify(${JOBS_INSERTED_CHANNEL}, json_build_object('count', 1)::text) from released`);
}
