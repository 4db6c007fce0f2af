import type { Executor } from '../../db/client';
import { countIngestRecords, type IngestRecordCount } from '../../db/queries/count-ingest-records';

/**
 * What an ingestion run did with its records (CSV rows or bundle entries). Once it has loaded:
 * `received = valid + quarantined` and `valid = loaded + duplicates`.
 */
export interface IngestCounts {
  received: number;
  valid: number;
  quarantined: number;
  loaded: number;
  duplicates: number;
}

export const ZERO_COUNTS: IngestCounts = { received: 0, valid: 0, quarantined: 0, loaded: 0, duplicates: 0 };

export function summarizeCounts(rows: readonly IngestRecordCount[]): IngestCounts {
  const counts = { ...ZERO_COUNTS };
  for (const row of rows) {
    counts.received += row.count;
    if (row.status === 'quarantined') counts.quarantined += row.count;
    if (row.status !== 'valid') continue;
    counts.valid += row.count;
    if (row.disposition === 'loaded') counts.loaded += row.count;
    if (row.disposition === 'duplicate') counts.duplicates += row.count;
  }
  return counts;
}

/** The run's counts as the tables have them now: right even while a step is half done. */
export async function countIngest(db: Executor, runId: string): Promise<IngestCounts> {
  return summarizeCounts(await countIngestRecords(db, runId));
}

/** Quarantined share of the received records (0 for an empty file). */
export const quarantinedShare = (counts: IngestCounts): number =>
  counts.received === 0 ? 0 : counts.quarantined / counts.received;
