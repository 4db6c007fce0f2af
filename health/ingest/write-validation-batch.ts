import type { Executor } from '../../db/client';
import {
  insertQuarantinedRecords,
  type NewQuarantinedRecord,
} from '../../db/queries/insert-quarantined-records';
import { type StagedValidation, updateStagedValidation } from '../../db/queries/update-staged-validation';

/** The typed fields of a staged record before validation fills them (or when it quarantines it). */
export const NO_FIELDS = {
  patientId: null,
  loincCode: null,
  value: null,
  unit: null,
  effectiveAt: null,
  identifiers: null,
} as const;

/** A quarantined record keeps no typed fields: its reasons are in the quarantine rows. */
export const quarantinedValidation = (id: number): StagedValidation => ({
  ...NO_FIELDS,
  id,
  status: 'quarantined',
});

/**
 * Writes one batch of validation outcomes with the quarantine rows of its bad fields, in one
 * transaction, so a crash never leaves a record quarantined without its reasons.
 */
export async function writeValidationBatch(
  db: Executor,
  runId: string,
  updates: readonly StagedValidation[],
  issues: readonly NewQuarantinedRecord[],
): Promise<void> {
  await db.transaction(async (tx) => {
    await updateStagedValidation(tx, updates);
    await insertQuarantinedRecords(tx, runId, 'validating', issues);
  });
}
