import { eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { ingestFiles } from '../schema';

export async function completeIngestFile(
  db: Executor,
  file: { id: string; sha256: string; bytes: number; chunks: number },
): Promise<void> {
  await db
    .update(ingestFiles)
    .set({ sha256: file.sha256, bytes: file.bytes, chunks: file.chunks, complete: true })
    .where(eq(ingestFiles.id, file.id));
}
