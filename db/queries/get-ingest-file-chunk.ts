import { and, eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { ingestFileChunks } from '../schema';

/** One chunk of a stored file: files are read a chunk at a time, never whole. */
export async function getIngestFileChunk(
  db: Executor,
  fileId: string,
  seq: number,
): Promise<Buffer | undefined> {
  const [row] = await db
    .select({ data: ingestFileChunks.data })
    .from(ingestFileChunks)
    .where(and(eq(ingestFileChunks.fileId, fileId), eq(ingestFileChunks.seq, seq)))
    .limit(1);
  return row?.data;
}
