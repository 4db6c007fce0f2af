import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

export interface StagedValidation {
  id: number;
  status: 'valid' | 'quarantined';
  patientId: string | null;
  loincCode: string | null;
  value: number | null;
  unit: string | null;
  effectiveAt: Date | null;
  identifiers: { system: string; value: string }[] | null;
}

/** Writes the outcome of validating a batch of staged records, in one statement. */
export async function updateStagedValidation(
  db: Executor,
  updates: readonly StagedValidation[],
): Promise<void> {
  if (updates.length === 0) return;
  const rows = updates.map((u) => ({
    id: u.id,
    status: u.status,
    patient_id: u.patientId,
    loinc_code: u.loincCode,
    value: u.value,
    unit: u.unit,
    effective_at: u.effectiveAt?.toISOString() ?? null,
    identifiers: u.identifiers,
  }));
  await db.execute(sql`
    update ingest_records r
    set status = v.status, patient_id = v.patient_id, loinc_code = v.loinc_code, value = v.value,
        unit = v.unit, effective_at = v.effective_at, identifiers = v.identifiers
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as v(id bigint, status text, patient_id text, loinc_code text, value float8, unit text,
           effective_at timestamptz, identifiers jsonb)
    where r.id = v.id`);
}
