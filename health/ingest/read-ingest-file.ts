import type { Executor } from '../../db/client';
import { getIngestFile } from '../../db/queries/get-ingest-file';
import { getIngestFileChunk } from '../../db/queries/get-ingest-file-chunk';
import { MalformedFile } from './malformed-file';

/** A stored file's content, one chunk at a time (feed it to a streaming parser). */
export async function* readIngestFile(
  db: Executor,
  fileId: string,
  signal?: AbortSignal,
): AsyncGenerator<Buffer> {
  const file = await getIngestFile(db, fileId);
  if (!file?.complete) throw new MalformedFile(`stored file ${fileId} is missing or incomplete`);
  for (let seq = 0; seq < file.chunks; seq++) {
    signal?.throwIfAborted();
    const chunk = await getIngestFileChunk(db, fileId, seq);
    if (!chunk) throw new MalformedFile(`stored file ${fileId} lacks chunk ${seq}`);
    yield chunk;
  }
}
