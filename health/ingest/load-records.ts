import type { Executor } from '../../db/client';
import { insertObservationsBatch } from '../../db/queries/insert-observations-batch';
import { quarantineConflicts } from '../../db/queries/quarantine-conflicts';
import { settleObservationDispositions } from '../../db/queries/settle-observation-dispositions';
import { settlePatientDispositions } from '../../db/queries/settle-patient-dispositions';
import { upsertPatientLinksFromStaging } from '../../db/queries/upsert-patient-links-from-staging';
import { upsertPatientsFromStaging } from '../../db/queries/upsert-patients-from-staging';
import { countIngest, type IngestCounts } from './ingest-counts';
import { recordRanges } from './record-ranges';

export interface LoadOptions {
  runId: string;
  pipelineId: string;
  signal?: AbortSignal;
  /** Records per INSERT (a range of record numbers); each batch commits on its own. */
  batchSize?: number;
  /**
   * Called after each committed batch (1-based). Tests throw here to crash a load halfway; the
   * retry then finds part of the file loaded and must add only the rest.
   */
  afterBatch?: (batch: number) => void | Promise<void>;
}

/**
 * Loads a run's new records: patients and their identifier links first, then observations in
 * batches as upserts on the natural key that do nothing on conflict. Each batch commits alone, so a
 * crash leaves a prefix loaded; running it again skips what is there and counts nothing twice.
 */
export async function loadRecords(db: Executor, options: LoadOptions): Promise<IngestCounts> {
  const batchSize = options.batchSize ?? 5_000;
  await upsertPatientsFromStaging(db, options.runId);
  await upsertPatientLinksFromStaging(db, options.runId);
  let batch = 0;
  for await (const { after, through } of recordRanges(db, options.runId, batchSize)) {
    options.signal?.throwIfAborted();
    await insertObservationsBatch(db, {
      runId: options.runId,
      pipelineId: options.pipelineId,
      afterRecord: after,
      throughRecord: through,
    });
    await options.afterBatch?.(++batch);
  }
  await db.transaction(async (tx) => {
    await settleObservationDispositions(tx, options.runId);
    await settlePatientDispositions(tx, options.runId);
    // Another run loaded a different value for the same key between deduplicating and now.
    await quarantineConflicts(tx, options.runId, 'loading');
  });
  return countIngest(db, options.runId);
}
