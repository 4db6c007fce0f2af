import type { Executor } from '../client';
import { ingestFiles } from '../schema';

/** Opens an upload: an incomplete file row that chunks are added to. */
export async function insertIngestFile(db: Executor, id: string): Promise<void> {
  await db.insert(ingestFiles).values({ id, complete: false });
}
