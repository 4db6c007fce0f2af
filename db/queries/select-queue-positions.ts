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
 * Where each of these queued runs stands in its queue: a run held by a pause in its pipeline's
 * (oldest first), a run waiting for a concurrency slot in its key's (in the order it started waiting).
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
    select q.id as "runId", q.position::int, q.of::int, c.paused_by as "pausedBy", q.slot_key as "slotKey",
      case when q.slot_key is not null then (select count(*) from runs a
        where a.pipeline_id = q.pipeline_id and a.concurrency_key = q.slot_key and a.slot_seq is null
          and a.status in ('queued', 'running', 'waiting'))::int end as active
    from (
      select id, pipeline_id, slot_key, row_number() over w as position, count(*) over (partition by pipeline_id, slot_key) as of
      from (
        select id, pipeline_id, created_at, slot_seq,
          case when slot_seq is not null then concurrency_key end as slot_key
        from runs
        where status = 'queued'
          and pipeline_id in (select pipeline_id from runs where id = any(${ids}::uuid[]))) r
      window w as (partition by pipeline_id, slot_key order by slot_seq nulls first, created_at, id)) q
    left join pipeline_controls c on c.pipeline_id = q.pipeline_id and c.paused_at is not null
    where q.id = any(${ids}::uuid[])`);
  return rows.map(({ slotKey, active, ...p }) => ({
    ...p,
    slot: slotKey === null ? null : { key: slotKey, active: active ?? 0 },
  }));
}
