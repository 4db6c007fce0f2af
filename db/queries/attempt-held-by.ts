import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

/**
 * Who holds an attempt now: `held` while it is still running and (with `workerId`) still owned by
 * that worker, so a change that closes it and lost its compare-and-set may be decided again;
 * `closed` once a duplicate closed it or a peer took it over; `missing` when its row is gone (its
 * start, committed asynchronously, was lost in a PostgreSQL crash).
 */
export async function attemptHeldBy(
  db: Executor,
  attemptId: number,
  workerId?: string,
): Promise<'held' | 'closed' | 'missing'> {
  const [row] = await db.execute<{ found: boolean; held: boolean }>(sql`
    select exists (select 1 from step_attempts where id = ${attemptId}) as found,
      exists (select 1 from step_attempts where id = ${attemptId} and outcome = 'running'
        ${workerId === undefined ? sql`` : sql`and worker_id = ${workerId}`}) as held`);
  if (row?.held === true) return 'held';
  return row?.found === true ? 'closed' : 'missing';
}
