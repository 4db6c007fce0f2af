import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

export interface Heartbeat {
  workerId: string;
  poolId: string | null;
  hostname: string;
  pid: number;
  concurrency: number;
}

/**
 * Writes the worker's heartbeat, and the cluster's pulse: a beat (by any worker) more than
 * `maxGapMs` after the previous one means nobody could reach the database meanwhile, and restarts
 * `steady_since`. All times are the database's. `inserted` is true when there was no row: the first
 * beat, or a peer declared this worker dead meanwhile (deleted its row and released its jobs).
 */
export async function upsertHeartbeat(
  db: Executor,
  beat: Heartbeat,
  maxGapMs = 2_500,
): Promise<{ inserted: boolean }> {
  const [row] = await db.execute<{ inserted: boolean }>(sql`
    with beat as (
      insert into worker_heartbeats (worker_id, pool_id, hostname, pid, concurrency)
      values (${beat.workerId}, ${beat.poolId}, ${beat.hostname}, ${beat.pid}, ${beat.concurrency})
      on conflict (worker_id) do update set last_seen_at = now(), pool_id = excluded.pool_id
      returning (xmax = 0) as inserted),
    pulse as (
      insert into heartbeat_pulse (id) values (1)
      on conflict (id) do update set
        steady_since = case
          when heartbeat_pulse.last_beat_at < now() - make_interval(secs => ${maxGapMs / 1000}) then now()
          else heartbeat_pulse.steady_since end,
        last_beat_at = now())
    select inserted from beat`);
  return { inserted: row?.inserted === true };
}
