import { count, gte, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { workerHeartbeats } from '../schema';

/** Workers whose heartbeat is younger than `freshMs`. */
export async function countLiveWorkers(db: Executor, freshMs: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(workerHeartbeats)
    .where(gte(workerHeartbeats.lastSeenAt, sql`now() - make_interval(secs => ${freshMs / 1000})`));
  return row!.n;
}
