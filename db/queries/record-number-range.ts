import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { ingestRecords } from '../schema';

/** The lowest and highest record numbers staged for a run (null when none), for ranged passes. */
export async function recordNumberRange(
  db: Executor,
  runId: string,
): Promise<{ first: number; last: number } | null> {
  const [row] = await db
    .select({
      first: sql<number | null>`min(${ingestRecords.recordNumber})`,
      last: sql<number | null>`max(${ingestRecords.recordNumber})`,
    })
    .from(ingestRecords)
    .where(eq(ingestRecords.runId, runId));
  return row?.first === null || row?.first === undefined || row.last === null
    ? null
    : { first: row.first, last: row.last };
}
