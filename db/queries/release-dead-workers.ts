import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { JOBS_INSERTED_CHANNEL } from './release-lost-jobs';

export interface DeadWorker {
  workerId: string;
  poolId: string | null;
  silentMs: number;
}

/**
 * Declares dead every worker (but `self`) silent for longer than `staleAfterMs`, in one statement:
 * deletes their heartbeats (and their offers to starts, `idle_workers`), unlocks the jobs their graphile-worker pools held
 * (`force_unlock_workers`) and wakes the workers listening for new jobs. Only one caller gets each
 * dead worker.
 *
 * Silence only counts as death when it cannot be an outage: heartbeats (from any workers) have
 * reached the database without a gap for the whole window (the pulse, see `upsertHeartbeat`). After
 * a restart, a failover or a network cut longer than a gap, every row is old because nobody could
 * write one, and nobody is judged until live workers had a full window to beat again; an outage
 * shorter than a gap leaves every live worker's row younger than the window.
 */
export async function releaseDeadWorkers(
  db: Executor,
  options: { self: string; staleAfterMs: number },
): Promise<DeadWorker[]> {
  const window = sql`make_interval(secs => ${options.staleAfterMs / 1000})`;
  const rows = await db.execute<{ worker_id: string; pool_id: string | null; silent_ms: number }>(sql`
    with dead as (
      delete from worker_heartbeats
      where worker_id <> ${options.self}
        and last_seen_at < now() - ${window}
        and exists (select 1 from heartbeat_pulse where steady_since <= now() - ${window})
      returning worker_id, pool_id, last_seen_at),
    -- Offers to starts of dead workers, and offers naming a listen connection that is gone.
    unoffered as (
      delete from idle_workers s where s.worker_id in (select worker_id from dead)
        or not exists (select 1 from pg_stat_get_activity(s.listen_pid) a
          where a.backend_start = s.listen_started_at)),
    unlocked as (
      select graphile_worker.force_unlock_workers(array(select pool_id from dead where pool_id is not null))
      where exists (select 1 from dead where pool_id is not null)),
    woken as (
      select pg_notify(${JOBS_INSERTED_CHANNEL}, json_build_object('count', 100)::text)
      where exists (select 1 from dead))
    select worker_id, pool_id,
      (extract(epoch from now() - last_seen_at) * 1000)::int as silent_ms,
      (select count(*) from unlocked) as unlocked, (select count(*) from woken) as woken
    from dead`);
  return rows.map((r) => ({ workerId: r.worker_id, poolId: r.pool_id, silentMs: Number(r.silent_ms) }));
}
