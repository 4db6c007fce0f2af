import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

export interface QueuePosition {
  runId: string;
  /** 1 for the run released first. */
  position: number;
  /** Queued runs of its pipeline. */
  of: number;
  /** Who paused its pipeline, when it is paused. */
  pausedBy: string | null;
}

/** Where each of these queued runs stands in its pipeline's queue (oldest first). */
export async function selectQueuePositions(
  db: Executor,
  runIds: readonly string[],
): Promise<QueuePosition[]> {
  if (runIds.length === 0) return [];
  const ids = `{${runIds.join(',')}}`;
  const rows = await db.execute<{ runId: string; position: number; of: number; pausedBy: string | null }>(sql`
    select q.id as "runId", q.position::int, q.of::int, c.paused_by as "pausedBy"
    from (
      select id, pipeline_id, row_number() over w as position, count(*) over (partition by pipeline_id) as of
      from runs
      where status = 'queued'
        and pipeline_id in (select pipeline_id from runs where id = any(${ids}::uuid[]))
      window w as (partition by pipeline_id order by created_at, id)) q
    left join pipeline_controls c on c.pipeline_id = q.pipeline_id and c.paused_at is not null
    where q.id = any(${ids}::uuid[])`);
  return rows;
}
