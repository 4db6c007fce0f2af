import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { workerHeartbeats } from '../schema';

export interface Heartbeat {
  workerId: string;
  poolId: string | null;
  hostname: string;
  pid: number;
  concurrency: number;
}

export async function upsertHeartbeat(db: Executor, beat: Heartbeat): Promise<void> {
  await db
    .insert(workerHeartbeats)
    .values(beat)
    .onConflictDoUpdate({
      target: workerHeartbeats.workerId,
      set: { lastSeenAt: sql`now()`, poolId: beat.poolId },
    });
}
