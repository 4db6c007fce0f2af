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
 * Writes the worker's heartbeat. `inserted` is true when there was no row: the first beat, or a
 * peer declared this worker dead meanwhile (deleted its row and released its jobs).
 */
export async function upsertHeartbeat(db: Executor, beat: Heartbeat): Promise<{ inserted: boolean }> {
  const [row] = await db.execute<{ inserted: boolean }>(sql`
    insert into worker_heartbeats (worker_id, pool_id, hostname, pid, concurrency)
    values (${beat.workerId}, ${beat.poolId}, ${beat.hostname}, ${beat.pid}, ${beat.concurrency})
    on conflict (worker_id) do update set last_seen_at = now(), pool_id = excluded.pool_id
    returning (xmax = 0) as inserted`);
  return { inserted: row?.inserted === true };
}
