import { eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { ingestFiles } from '../schema';

export interface IngestFileView {
  id: string;
  sha256: string | null;
  bytes: number;
  chunks: number;
  complete: boolean;
}

export async function getIngestFile(db: Executor, id: string): Promise<IngestFileView | undefined> {
  const [row] = await db
    .select({
      id: ingestFiles.id,
      sha256: ingestFiles.sha256,
      bytes: ingestFiles.bytes,
      chunks: ingestFiles.chunks,
      complete: ingestFiles.complete,
    })
    .from(ingestFiles)
    .where(eq(ingestFiles.id, id))
    .limit(1);
  return row;
}
