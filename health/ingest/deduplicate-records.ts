import type { Executor } from '../../db/client';
import { markObservationDispositions } from '../../db/queries/mark-observation-dispositions';
import { markPatientDispositions } from '../../db/queries/mark-patient-dispositions';
import { quarantineConflicts } from '../../db/queries/quarantine-conflicts';
import { countIngest, type IngestCounts } from './ingest-counts';

/**
 * Decides, on the natural key (patient, LOINC code, effective time), which of a run's valid records
 * are new, which are duplicates (same value already loaded, or earlier in the file) and which
 * conflict (a different value for the same key: quarantined for an operator). One transaction.
 */
export async function deduplicateRecords(db: Executor, options: { runId: string }): Promise<IngestCounts> {
  await db.transaction(async (tx) => {
    await markObservationDispositions(tx, options.runId);
    await markPatientDispositions(tx, options.runId);
    await quarantineConflicts(tx, options.runId, 'deduplicating');
  });
  return countIngest(db, options.runId);
}
