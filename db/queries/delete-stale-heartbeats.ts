import { lt, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { workerHeartbeats } from '../schema';

/**
 * Removes the heartbeats of workers silent for longer than `staleAfterMs` and returns them, so the
 * caller can release their locked jobs. Only one caller gets each dead worker.
 */
export async function deleteStaleHeartbeats(
  db: Executor,
  staleAfterMs: number,
): Promise<{ workerId: string; poolId: string | null }[]> {
  return db
    .delete(workerHeartbeats)
    .where(lt(workerHeartbeats.lastSeenAt, sql`now() - make_interval(secs => ${staleAfterMs / 1000})`))
    .returning({ workerId: workerHeartbeats.workerId, poolId: workerHeartbeats.poolId });
}
