import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

/** Which of these runs are cancelled (a worker checks the runs it is running after missing notices). */
export async function findCancelledRuns(db: Executor, runIds: readonly string[]): Promise<string[]> {
  if (runIds.length === 0) return [];
  const rows = await db.execute<{ id: string }>(sql`
    select id from runs where id = any(${`{${runIds.join(',')}}`}::uuid[]) and status = 'cancelled'`);
  return rows.map((r) => r.id);
}
