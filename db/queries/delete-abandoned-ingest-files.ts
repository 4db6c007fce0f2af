import { and, eq, lt, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { ingestFiles } from '../schema';

/** Deletes uploads that never completed (their process died) and are older than `olderThanMs`. */
export async function deleteAbandonedIngestFiles(db: Executor, olderThanMs: number): Promise<number> {
  const rows = await db
    .delete(ingestFiles)
    .where(
      and(
        eq(ingestFiles.complete, false),
        lt(ingestFiles.createdAt, sql`now() - make_interval(secs => ${olderThanMs / 1000})`),
      ),
    )
    .returning({ id: ingestFiles.id });
  return rows.length;
}
