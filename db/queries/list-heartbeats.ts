import { asc } from 'drizzle-orm';
import type { Executor } from '../client';
import { workerHeartbeats } from '../schema';

export interface WorkerView {
  workerId: string;
  hostname: string;
  pid: number;
  concurrency: number;
  startedAt: Date;
  lastSeenAt: Date;
}

export async function listHeartbeats(db: Executor): Promise<WorkerView[]> {
  return db
    .select({
      workerId: workerHeartbeats.workerId,
      hostname: workerHeartbeats.hostname,
      pid: workerHeartbeats.pid,
      concurrency: workerHeartbeats.concurrency,
      startedAt: workerHeartbeats.startedAt,
      lastSeenAt: workerHeartbeats.lastSeenAt,
    })
    .from(workerHeartbeats)
    .orderBy(asc(workerHeartbeats.startedAt));
}
