import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

/** graphile-worker's NOTIFY channel for new jobs: its workers fetch at once instead of at their next poll. */
export const JOBS_INSERTED_CHANNEL = 'jobs:insert';

/**
 * Unlocks jobs that the given graphile-worker pools (this worker's, now and before a restart) still
 * hold but none of its job runners is running: their completion or failure was lost with the
 * database connection (graphile-worker does not retry it), so without this they would wait for
 * graphile-worker's 4-hour lock timeout. Jobs locked less than `minAgeMs` ago are left alone (one
 * may have just been fetched). Returns how many were released.
 */
export async function releaseLostJobs(
  db: Executor,
  options: { poolIds: readonly string[]; runningJobIds: readonly string[]; minAgeMs: number },
): Promise<number> {
  if (options.poolIds.length === 0) return 0;
  const [row] = await db.execute<{ released: number }>(sql`
    with released as (
      update graphile_worker._private_jobs set locked_at = null, locked_by = null
      where locked_by = any(${`{${options.poolIds.join(',')}}`}::text[])
        and locked_at < now() - make_interval(secs => ${options.minAgeMs / 1000})
        and not (id = any(${`{${options.runningJobIds.join(',')}}`}::bigint[]))
      returning id),
    woken as (
      select pg_notify(${JOBS_INSERTED_CHANNEL}, json_build_object('count', (select count(*) from released))::text)
      where exists (select 1 from released))
    select (select count(*) from released)::int as released, (select count(*) from woken) as woken`);
  return Number(row?.released ?? 0);
}
