import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

export interface Heartbeat {
  workerId: string;
  poolId: string | null;
  hostname: string;
  pid: number;
  concurrency: number;
  /** This beat's sequence number, and the step attempts (idempotency keys) running when it was taken. */
  seq: number;
  runningSteps: readonly string[];
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
      insert into worker_heartbeats (worker_id, pool_id, hostname, pid, concurrency, beat_seq, running_steps)
      values (${beat.workerId}, ${beat.poolId}, ${beat.hostname}, ${beat.pid}, ${beat.concurrency}, ${beat.seq},
        array(select json_array_elements_text(${JSON.stringify(beat.runningSteps)}::json)))
      on conflict (worker_id) do update set last_seen_at = now(), pool_id = excluded.pool_id,
        beat_seq = greatest(worker_heartbeats.beat_seq, excluded.beat_seq),
        running_steps = case when excluded.beat_seq >= worker_heartbeats.beat_seq
          then excluded.running_steps else worker_heartbeats.running_steps end
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
