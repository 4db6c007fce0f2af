import { checkMeasurement, checkPatientId, type FieldIssue, type Measurement } from './check-measurement';

/** The columns a lab results CSV must have (any order; other columns are ignored). */
export const LAB_CSV_COLUMNS = ['patient_id', 'loinc_code', 'value', 'unit', 'effective_at'] as const;
export type LabCsvColumn = (typeof LAB_CSV_COLUMNS)[number];
export type LabCsvRow = Record<LabCsvColumn, string>;

export type ValidatedLabRow =
  | { ok: true; patientId: string; measurement: Measurement }
  | { ok: false; issues: FieldIssue[] };

const FIELDS = {
  loincCode: 'loinc_code',
  value: 'value',
  unit: 'unit',
  effectiveAt: 'effective_at',
} as const;

/** Checks one CSV row; every bad column yields an issue named after the column. */
export function validateLabRow(row: LabCsvRow, now: Date): ValidatedLabRow {
  const patient = checkPatientId(row.patient_id, 'patient_id');
  const result = checkMeasurement(
    { loincCode: row.loinc_code, value: row.value, unit: row.unit, effectiveAt: row.effective_at },
    FIELDS,
    now,
  );
  const issues = [...(typeof patient === 'string' ? [] : [patient]), ...result.issues];
  if (issues.length > 0 || typeof patient !== 'string' || !result.measurement) return { ok: false, issues };
  return { ok: true, patientId: patient, measurement: result.measurement };
}
