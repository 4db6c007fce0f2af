import type { Executor } from '../../db/client';
import type { NewQuarantinedRecord } from '../../db/queries/insert-quarantined-records';
import { listStagedRecords } from '../../db/queries/list-staged-records';
import type { StagedValidation } from '../../db/queries/update-staged-validation';
import { type LabCsvRow, validateLabRow } from '../observations/validate-lab-row';
import { countIngest, type IngestCounts } from './ingest-counts';
import { recordRanges } from './record-ranges';
import { quarantinedValidation, writeValidationBatch } from './write-validation-batch';

export interface ValidateOptions {
  runId: string;
  /** "Now" for the not-in-the-future check: the step's start, so a retry judges the same way. */
  now: Date;
  signal?: AbortSignal;
  batchSize?: number;
}

/**
 * Validates a run's staged CSV rows in batches: each becomes `valid` (with typed fields) or
 * `quarantined` (with one quarantine row per bad field), in one transaction per batch. Rows done
 * before a crash are skipped when it runs again.
 */
export async function validateLabRows(db: Executor, options: ValidateOptions): Promise<IngestCounts> {
  const batchSize = options.batchSize ?? 2_000;
  for await (const { after, through } of recordRanges(db, options.runId, batchSize)) {
    options.signal?.throwIfAborted();
    const batch = await listStagedRecords(db, {
      runId: options.runId,
      kinds: ['row'],
      statuses: ['staged'],
      afterRecord: after,
      throughRecord: through,
    });
    if (batch.length === 0) continue;
    const updates: StagedValidation[] = [];
    const issues: NewQuarantinedRecord[] = [];
    for (const record of batch) {
      const result = validateLabRow(record.raw as LabCsvRow, options.now);
      if (result.ok) {
        updates.push({
          id: record.id,
          status: 'valid',
          patientId: result.patientId,
          ...result.measurement,
          identifiers: null,
        });
      } else {
        updates.push(quarantinedValidation(record.id));
        for (const issue of result.issues)
          issues.push({ recordNumber: record.recordNumber, line: record.line, ...issue });
      }
    }
    await writeValidationBatch(db, options.runId, updates, issues);
  }
  return countIngest(db, options.runId);
}
