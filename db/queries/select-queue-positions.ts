import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

export interface QueuePosition {
  runId: string;
  /** 1 for the run released first. */
  position: number;
  /** Queued runs of its queue: its pipeline's, or its concurrency key's when it waits for a slot. */
  of: number;
  /** Who paused its pipeline, when it is paused. */
  pausedBy: string | null;
  /** When it waits for a concurrency slot: its key and the runs of that key holding a slot now. */
  slot: { key: string; active: number } | null;
}

/**
 * Where each of these queued runs stands in its queue: while its pipeline is paused, in the
 * pipeline's (held runs oldest first, then those waiting for a slot, as a resume releases them);
 * otherwise a run waiting for a concurrency slot in its key's (in the order it started waiting).
 */
export async function selectQueuePositions(
  db: Executor,
  runIds: readonly string[],
): Promise<QueuePosition[]> {
  if (runIds.length === 0) return [];
  const ids = `{${runIds.join(',')}}`;
  const rows = await db.execute<{
    runId: string;
    position: number;
    of: number;
    pausedBy: string | null;
    slotKey: string | null;
    active: number | null;
  }>(sql`
    select q.id as "runId", q.position::int, q.of::int, q.paused_by as "pausedBy", q.slot_key as "slotKey",
      case when q.slot_key is not null then (select count(*) from runs a
        where a.pipeline_id = q.pipeline_id and a.concurrency_key = q.slot_key and a.slot_seq is null
          and a.status in ('queued', 'running', 'waiting'))::int end as active
    from (
      select id, pipeline_id, slot_key, paused_by, row_number() over w as position,
        count(*) over (partition by pipeline_id, queue) as of
      from (
        select r.id, r.pipeline_id, r.created_at, r.slot_seq, c.paused_by,
          case when r.slot_seq is not null then r.concurrency_key end as slot_key,
          -- While paused, one queue per pipeline (released in this order on resume); else per key.
          case when c.paused_by is null and r.slot_seq is not null then r.concurrency_key end as queue
        from runs r
          left join pipeline_controls c on c.pipeline_id = r.pipeline_id and c.paused_at is not null
        where r.status = 'queued'
          and r.pipeline_id in (select pipeline_id from runs where id = any(${ids}::uuid[]))) r
      window w as (partition by pipeline_id, queue order by slot_seq nulls first, created_at, id)) q
    where q.id = any(${ids}::uuid[])`);
  return rows.map(({ slotKey, active, ...p }) => ({
    ...p,
    slot: slotKey === null ? null : { key: slotKey, active: active ?? 0 },
  }));
}
