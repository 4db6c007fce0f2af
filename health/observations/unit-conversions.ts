import type { LoincCode } from './loinc-subset';

/**
 * Every unit conversion Signalbox applies, in one table: `canonical = value × factor`, per LOINC
 * code (factors depend on the analyte's molar mass). The `to` unit is always the code's canonical
 * unit; a test holds the table to that.
 */
export interface UnitConversion {
  code: string;
  from: string;
  to: string;
  factor: number;
}

export const UNIT_CONVERSIONS: readonly UnitConversion[] = [
  // Glucose: 1 mmol/L = 18.016 mg/dL.
  { code: '2345-7', from: 'mmol/L', to: 'mg/dL', factor: 18.016 },
  // Creatinine: 1 mg/dL = 88.42 µmol/L.
  { code: '2160-0', from: 'umol/L', to: 'mg/dL', factor: 1 / 88.42 },
  // Cholesterol (total, HDL): 1 mmol/L = 38.67 mg/dL.
  { code: '2093-3', from: 'mmol/L', to: 'mg/dL', factor: 38.67 },
  { code: '2085-9', from: 'mmol/L', to: 'mg/dL', factor: 38.67 },
  // Triglyceride: 1 mmol/L = 88.57 mg/dL.
  { code: '2571-8', from: 'mmol/L', to: 'mg/dL', factor: 88.57 },
  // Hemoglobin: 10 g/L = 1 g/dL.
  { code: '718-7', from: 'g/L', to: 'g/dL', factor: 0.1 },
  // Monovalent ions: mEq/L = mmol/L.
  { code: '2823-3', from: 'meq/L', to: 'mmol/L', factor: 1 },
  { code: '2951-2', from: 'meq/L', to: 'mmol/L', factor: 1 },
  // Calcium: 1 mmol/L = 4.008 mg/dL.
  { code: '17861-6', from: 'mmol/L', to: 'mg/dL', factor: 4.008 },
  // Urea: 1 mmol/L urea = 2.801 mg/dL urea nitrogen.
  { code: '3094-0', from: 'mmol/L', to: 'mg/dL', factor: 2.801 },
  // Cell counts: 10^9/L = 10^3/µL.
  { code: '6690-2', from: '10*9/L', to: '10*3/uL', factor: 1 },
  { code: '777-3', from: '10*9/L', to: '10*3/uL', factor: 1 },
  // Enzyme and hormone units that are the same quantity under another name.
  { code: '1742-6', from: '[IU]/L', to: 'U/L', factor: 1 },
  { code: '3016-3', from: 'u[IU]/mL', to: 'm[IU]/L', factor: 1 },
];

/**
 * How units are compared: case-insensitive, without spaces, `µ`/`μ` as `u`, `^` as `*`, and IU with
 * or without UCUM's brackets. `mg/dl`, `MG/DL` and `mg / dL` are the same unit.
 */
export function unitKey(unit: string): string {
  return unit
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/[µμ]/g, 'u')
    .replace(/\^/g, '*')
    .replace(/\[iu\]/g, 'iu');
}

/** The units accepted for a code, canonical first, in their display spelling. */
export function acceptedUnits(entry: LoincCode): string[] {
  return [entry.canonicalUnit, ...UNIT_CONVERSIONS.filter((c) => c.code === entry.code).map((c) => c.from)];
}

/** The factor from `unit` to the code's canonical unit, or undefined if the unit is not accepted. */
export function factorToCanonical(entry: LoincCode, unit: string): number | undefined {
  const key = unitKey(unit);
  if (key === unitKey(entry.canonicalUnit)) return 1;
  return UNIT_CONVERSIONS.find((c) => c.code === entry.code && unitKey(c.from) === key)?.factor;
}

/** Canonical values are rounded to 4 decimals so that the same measurement always compares equal. */
export function roundCanonical(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/** Converts a value to the code's canonical unit; undefined if the unit is not accepted. */
export function toCanonical(
  entry: LoincCode,
  value: number,
  unit: string,
): { value: number; unit: string } | undefined {
  const factor = factorToCanonical(entry, unit);
  if (factor === undefined) return undefined;
  return { value: roundCanonical(value * factor), unit: entry.canonicalUnit };
}
