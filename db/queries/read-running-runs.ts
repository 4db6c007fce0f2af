import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

/**
 * Runs with a step to do (`running`), and how long the least recently changed of them has gone
 * without a change: a run stuck with no worker taking its job shows up here. Uses the status index.
 */
export async function readRunningRuns(db: Executor): Promise<{ count: number; oldestIdleSeconds: number }> {
  const [row] = await db.execute<{ count: number; oldest_idle_seconds: number }>(sql`
    select count(*)::int as count,
           coalesce(extract(epoch from now() - min(updated_at)), 0)::float8 as oldest_idle_seconds
    from runs where status = 'running'`);
  return { count: row!.count, oldestIdleSeconds: row!.oldest_idle_seconds };
}
