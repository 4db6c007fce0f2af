import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

export interface ObservationBatchResult {
  /** New measurements in the range. */
  size: number;
  /** Of those, rows added to `observations`. */
  inserted: number;
}

/**
 * Loads a run's new measurements with record numbers in (`afterRecord`, `throughRecord`] into
 * `observations`, as an upsert on the natural key that does nothing on conflict: a range loaded
 * before (a retry after a crash) adds nothing.
 */
export async function insertObservationsBatch(
  db: Executor,
  batch: { runId: string; pipelineId: string; afterRecord: number; throughRecord: number },
): Promise<ObservationBatchResult> {
  const [row] = await db.execute<{ size: number; inserted: number }>(sql`
    with batch as (
      select record_number, patient_id, loinc_code, effective_at, canonical_value, canonical_unit, value, unit
      from ingest_records
      where run_id = ${batch.runId} and status = 'valid' and disposition = 'new'
        and kind in ('row', 'observation')
        and record_number > ${batch.afterRecord} and record_number <= ${batch.throughRecord}
    ), inserted as (
      insert into observations (patient_id, loinc_code, effective_at, value, unit, original_value,
                                original_unit, source_pipeline, source_run_id, source_record)
      select patient_id, loinc_code, effective_at, canonical_value, canonical_unit, value, unit,
             ${batch.pipelineId}, ${batch.runId}::uuid, record_number
      from batch
      on conflict (patient_id, loinc_code, effective_at) do nothing
      returning 1
    )
    select (select count(*) from batch)::int as size,
           (select count(*) from inserted)::int as inserted`);
  return { size: row?.size ?? 0, inserted: row?.inserted ?? 0 };
}
