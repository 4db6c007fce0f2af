import type { Executor } from '../client';
import { ingestFileChunks } from '../schema';

export async function insertIngestFileChunk(
  db: Executor,
  chunk: { fileId: string; seq: number; data: Buffer },
): Promise<void> {
  await db.insert(ingestFileChunks).values(chunk);
}
