import { describe, expect, it } from 'vitest';
import { LAB_CSV_HEADER, labCsvLines } from '../../pipelines/lab-results-csv/synthetic-lab-csv';
import { findLoinc } from './loinc-subset';
import { DEFECTS, spoil, syntheticObservations } from './synthetic-observations';
import { toCanonical } from './unit-conversions';
import { type LabCsvRow, validateLabRow } from './validate-lab-row';

const NOW = new Date('2026-06-01T00:00:00Z');
const columns = LAB_CSV_HEADER.split(',');
/** Naive split: the generator quotes only test_name, which has no commas. */
const toRow = (line: string) =>
  Object.fromEntries(
    line
      .trimEnd()
      .split(',')
      .map((v, i) => [columns[i], v.replace(/^"|"$/g, '')]),
  ) as LabCsvRow;

const source = () =>
  syntheticObservations({ seed: 7, patients: 50, startAt: new Date('2026-01-01T00:00:00Z') });
const asRow = (o: ReturnType<typeof source> extends Generator<infer T> ? T : never): LabCsvRow => ({
  patient_id: o.patientId,
  loinc_code: o.loincCode,
  value: o.value,
  unit: o.unit,
  effective_at: o.effectiveAt,
});

describe('validateLabRow on generated data', () => {
  it('accepts every clean generated row, and normalizes it into the plausible range', () => {
    const lines = [...labCsvLines({ seed: 11, rows: 2_000 })].slice(1);
    expect(lines).toHaveLength(2_000);
    for (const line of lines) {
      const result = validateLabRow(toRow(line), NOW);
      expect(result.ok, line).toBe(true);
      if (!result.ok) continue;
      const entry = findLoinc(result.measurement.loincCode)!;
      const canonical = toCanonical(entry, result.measurement.value, result.measurement.unit)!;
      expect(canonical.unit).toBe(entry.canonicalUnit);
      expect(canonical.value).toBeGreaterThanOrEqual(entry.plausible.min);
      expect(canonical.value).toBeLessThanOrEqual(entry.plausible.max);
    }
  });

  it('is deterministic for a seed', () => {
    expect([...labCsvLines({ seed: 3, rows: 50, badShare: 0.2 })]).toEqual([
      ...labCsvLines({ seed: 3, rows: 50, badShare: 0.2 }),
    ]);
    expect([...labCsvLines({ seed: 3, rows: 50 })]).not.toEqual([...labCsvLines({ seed: 4, rows: 50 })]);
  });

  it.each([
    ['unknown-code', 'loinc_code', 'LOINC code is not in the supported subset'],
    ['check-digit', 'loinc_code', 'LOINC check digit does not match'],
    ['not-a-number', 'value', 'not a number'],
    ['censored', 'value', 'censored values (< or >) are not supported'],
    ['unit', 'unit', 'not accepted for'],
    ['no-patient', 'patient_id', 'missing'],
    ['no-time-zone', 'effective_at', 'not an ISO 8601 date-time with a time zone'],
    ['implausible', 'value', 'outside the plausible range'],
    ['future', 'effective_at', 'in the future'],
  ] as const)('quarantines %s in field %s', (defect, field, reason) => {
    const gen = source();
    for (let i = 0; i < 40; i++) {
      const clean = asRow(gen.next().value!);
      const bad = asRow(spoil(gen.next().value!, defect));
      expect(validateLabRow(clean, NOW).ok).toBe(true);
      const result = validateLabRow(bad, NOW);
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.issues).toHaveLength(1);
      expect(result.issues[0]!.field).toBe(field);
      expect(result.issues[0]!.reason).toContain(reason);
      // The raw value is kept for operators, but never quoted in the reason.
      const raw = bad[field as keyof LabCsvRow];
      if (raw.length > 3) expect(result.issues[0]!.reason).not.toContain(raw);
      expect(result.issues[0]!.rawValue).toBe(raw);
    }
  });

  it('covers every defect kind in the table above', () => {
    expect(DEFECTS).toHaveLength(9);
  });

  it('reports every bad field of a row', () => {
    const result = validateLabRow(
      { patient_id: '', loinc_code: '2345-7', value: 'x', unit: '', effective_at: 'soon' },
      NOW,
    );
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.issues.map((i) => i.field)).toEqual(['patient_id', 'value', 'unit', 'effective_at']);
  });
});
