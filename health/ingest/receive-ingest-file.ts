import { createHash } from 'node:crypto';
import type { Executor } from '../../db/client';
import { getIngestFile } from '../../db/queries/get-ingest-file';
import type { IngestFileRef } from './ingest-machine';
import { MalformedFile } from './malformed-file';
import { readIngestFile } from './read-ingest-file';

/**
 * Checks the run's stored file before anything reads it as data: it is complete, has the size the
 * run was started with, and its chunks still hash to the content hash (storage corruption or a
 * mixed-up reference fails the run here, not halfway through loading).
 */
export async function receiveIngestFile(
  db: Executor,
  file: IngestFileRef,
  signal?: AbortSignal,
): Promise<void> {
  const stored = await getIngestFile(db, file.id);
  if (!stored?.complete) throw new MalformedFile(`stored file ${file.id} is missing or incomplete`);
  if (stored.sha256 !== file.sha256 || stored.bytes !== file.bytes) {
    throw new MalformedFile(`stored file ${file.id} does not match the run's file (hash or size differ)`);
  }
  const hash = createHash('sha256');
  for await (const chunk of readIngestFile(db, file.id, signal)) hash.update(chunk);
  if (hash.digest('hex') !== file.sha256)
    throw new MalformedFile(`stored file ${file.id} is corrupt (hash mismatch)`);
}
