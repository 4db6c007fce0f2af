import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

export interface QueueDepth {
  /** Due now and free: waiting for a worker slot. */
  ready: number;
  /** Due later (a retry's backoff, a delayed job). */
  scheduled: number;
  /** Locked by a worker: running. */
  running: number;
  /** Out of attempts (graphile-worker keeps them; Signalbox's own tables hold the outcome). */
  failed: number;
  /** Seconds the oldest ready job has been due; 0 when none is ready. */
  oldestReadyAgeSeconds: number;
}

/**
 * graphile-worker's queue (0.17 schema: `_private_jobs`, where `is_available` is `locked_at is null
 * and attempts < max_attempts`). The table holds only pending, running and dead jobs (finished ones
 * are deleted), so one pass over it is cheap. The KEDA ScaledObject in deploy/kubernetes counts
 * `ready + running` with the same conditions.
 */
export async function readQueueDepth(db: Executor): Promise<QueueDepth> {
  const [row] = await db.execute<{
    ready: number;
    scheduled: number;
    running: number;
    failed: number;
    oldest_ready_age_seconds: number;
  }>(sql`
    select
      count(*) filter (where is_available and run_at <= now())::int as ready,
      count(*) filter (where is_available and run_at > now())::int as scheduled,
      count(*) filter (where locked_at is not null)::int as running,
      count(*) filter (where locked_at is null and attempts >= max_attempts)::int as failed,
      coalesce(extract(epoch from now() - min(run_at) filter (where is_available and run_at <= now())), 0)::float8
        as oldest_ready_age_seconds
    from graphile_worker._private_jobs`);
  return {
    ready: row!.ready,
    scheduled: row!.scheduled,
    running: row!.running,
    failed: row!.failed,
    oldestReadyAgeSeconds: row!.oldest_ready_age_seconds,
  };
}
