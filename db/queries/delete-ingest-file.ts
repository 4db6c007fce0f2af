import { eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { ingestFiles } from '../schema';

/** Deletes a file and (cascade) its chunks: an abandoned or redundant upload. */
export async function deleteIngestFile(db: Executor, id: string): Promise<void> {
  await db.delete(ingestFiles).where(eq(ingestFiles.id, id));
}
