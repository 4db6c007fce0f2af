import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { runs } from '../schema';
import type { RunUpdate } from './run-record';

/**
 * Compare-and-set: writes the change only if the run is still at `expectedVersion`, and bumps the
 * version. Returns the new version, or undefined when someone else got there first.
 */
export async function updateRun(
  db: Executor,
  id: string,
  expectedVersion: number,
  change: RunUpdate,
): Promise<number | undefined> {
  const [row] = await db
    .update(runs)
    .set({ ...change, version: sql`${runs.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(runs.id, id), eq(runs.version, expectedVersion)))
    .returning({ version: runs.version });
  return row?.version;
}
