import { and, eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { ingestFiles } from '../schema';

/** The complete file with this content, if one was stored before. */
export async function findIngestFileByHash(
  db: Executor,
  sha256: string,
): Promise<{ id: string; bytes: number } | undefined> {
  const [row] = await db
    .select({ id: ingestFiles.id, bytes: ingestFiles.bytes })
    .from(ingestFiles)
    .where(and(eq(ingestFiles.sha256, sha256), eq(ingestFiles.complete, true)))
    .limit(1);
  return row;
}
