import { createHash, randomUUID } from 'node:crypto';
import { AppError } from '../../core/errors';
import type { Executor } from '../../db/client';
import { completeIngestFile } from '../../db/queries/complete-ingest-file';
import { deleteAbandonedIngestFiles } from '../../db/queries/delete-abandoned-ingest-files';
import { deleteIngestFile } from '../../db/queries/delete-ingest-file';
import { findIngestFileByHash } from '../../db/queries/find-ingest-file-by-hash';
import { insertIngestFile } from '../../db/queries/insert-ingest-file';
import { insertIngestFileChunk } from '../../db/queries/insert-ingest-file-chunk';
import { lockIngestFileHash } from '../../db/queries/lock-ingest-file-hash';

/** Files are stored and read back in chunks of this size: memory stays bounded whatever the file. */
export const CHUNK_BYTES = 512 * 1024;
export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024 * 1024;
const ABANDONED_AFTER_MS = 24 * 3_600_000;

export interface StoredFile {
  id: string;
  sha256: string;
  bytes: number;
  /** true when a file with the same content was stored before (its id is returned). */
  reused: boolean;
}

/**
 * Stores a file in PostgreSQL in one pass over its content (a file stream, an HTTP body), so any
 * worker on any machine can read it. Content-addressed: storing the same bytes twice keeps one copy.
 */
export async function storeIngestFile(
  db: Executor,
  content: AsyncIterable<Uint8Array>,
  options: { maxBytes?: number } = {},
): Promise<StoredFile> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  await deleteAbandonedIngestFiles(db, ABANDONED_AFTER_MS);
  const id = randomUUID();
  await insertIngestFile(db, id);
  const hash = createHash('sha256');
  let bytes = 0;
  let seq = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    if (pendingBytes === 0) return;
    const data = Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    await insertIngestFileChunk(db, { fileId: id, seq: seq++, data });
  };
  try {
    for await (const piece of content) {
      const buffer = Buffer.isBuffer(piece) ? piece : Buffer.from(piece);
      bytes += buffer.length;
      if (bytes > maxBytes) {
        throw new AppError(
          'PAYLOAD_TOO_LARGE',
          `file is larger than ${Math.floor(maxBytes / 1024 / 1024)} MiB`,
        );
      }
      hash.update(buffer);
      for (let offset = 0; offset < buffer.length; ) {
        const take = Math.min(CHUNK_BYTES - pendingBytes, buffer.length - offset);
        pending.push(buffer.subarray(offset, offset + take));
        pendingBytes += take;
        offset += take;
        if (pendingBytes === CHUNK_BYTES) await flush();
      }
    }
    await flush();
  } catch (error) {
    await deleteIngestFile(db, id).catch(() => undefined);
    throw error;
  }
  const sha256 = hash.digest('hex');
  return db.transaction(async (tx) => {
    await lockIngestFileHash(tx, sha256);
    const existing = await findIngestFileByHash(tx, sha256);
    if (existing) {
      await deleteIngestFile(tx, id);
      return { id: existing.id, sha256, bytes: existing.bytes, reused: true };
    }
    await completeIngestFile(tx, { id, sha256, bytes, chunks: seq });
    return { id, sha256, bytes, reused: false };
  });
}
