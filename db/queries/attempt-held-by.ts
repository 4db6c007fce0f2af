import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

/**
 * True while the attempt is still running and (with `workerId`) still owned by that worker: a change
 * that closes it and lost its compare-and-set may be decided again. False once a duplicate closed it
 * or a peer took it over.
 */
export async function attemptHeldBy(db: Executor, attemptId: number, workerId?: string): Promise<boolean> {
  const [row] = await db.execute<{ held: boolean }>(sql`
    select exists (select 1 from step_attempts where id = ${attemptId} and outcome = 'running'
      ${workerId === undefined ? sql`` : sql`and worker_id = ${workerId}`}) as held`);
  return row?.held === true;
}
