import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

/** Serialises, until the transaction ends, everyone completing an upload with this content hash. */
export async function lockIngestFileHash(tx: Executor, sha256: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`ingest-file:${sha256}`}, 0))`);
}
