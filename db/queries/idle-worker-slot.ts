import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import type { ListenSession } from '../listener';

/** A worker offering itself to the next single start (a row of `idle_workers`). */
export interface IdleWorkerSlot {
  workerId: string;
  poolId: string;
  listen: ListenSession;
  claimSeq: number;
  /** The newest version of each pipeline the worker knows. */
  pipelines: Record<string, number>;
}

/** Offers the worker to the next single start (replacing an offer it made before). */
export async function offerIdleWorker(db: Executor, slot: IdleWorkerSlot): Promise<void> {
  await db.execute(sql`
    insert into idle_workers (worker_id, pool_id, listen_pid, listen_started_at, claim_seq, pipelines)
    values (${slot.workerId}, ${slot.poolId}, ${slot.listen.pid}, ${slot.listen.startedAt}::timestamptz,
      ${slot.claimSeq}, ${JSON.stringify(slot.pipelines)}::jsonb)
    on conflict (worker_id) do update set pool_id = excluded.pool_id, listen_pid = excluded.listen_pid,
      listen_started_at = excluded.listen_started_at, claim_seq = excluded.claim_seq,
      pipelines = excluded.pipelines, since = now()`);
}

/**
 * Withdraws the worker's offer. False: there was none left, so a start took it (its step is on its
 * way to the worker, or already there) or the worker never made one.
 */
export async function withdrawIdleWorker(db: Executor, workerId: string): Promise<boolean> {
  const rows = await db.execute<{ worker_id: string }>(
    sql`delete from idle_workers where worker_id = ${workerId} returning worker_id`,
  );
  return rows.length > 0;
}
