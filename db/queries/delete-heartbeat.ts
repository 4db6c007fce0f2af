import { eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { workerHeartbeats } from '../schema';

export async function deleteHeartbeat(db: Executor, workerId: string): Promise<void> {
  await db.delete(workerHeartbeats).where(eq(workerHeartbeats.workerId, workerId));
}
