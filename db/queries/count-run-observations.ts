import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { observations } from '../schema';

/** How many observations a run created. */
export async function countRunObservations(db: Executor, runId: string): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(observations)
    .where(eq(observations.sourceRunId, runId));
  return row?.count ?? 0;
}
