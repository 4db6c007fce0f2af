import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { runs } from '../schema';
import type { RunRecord } from './run-record';

export type NewRun = Omit<RunRecord, 'version' | 'createdAt' | 'updatedAt' | 'finishedAt'> & {
  finishedAt: Date | null;
};

/** Inserts a run; returns undefined when a run with the same pipeline and idempotency key exists. */
export async function insertRun(db: Executor, run: NewRun): Promise<RunRecord | undefined> {
  const [row] = await db
    .insert(runs)
    .values({ ...run, version: 1 })
    .onConflictDoNothing({
      target: [runs.pipelineId, runs.idempotencyKey],
      where: sql`${runs.idempotencyKey} is not null`,
    })
    .returning();
  return row as RunRecord | undefined;
}
