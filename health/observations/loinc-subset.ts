/**
 * The LOINC codes Signalbox ingests out of the box: a small, common subset of chemistry and
 * haematology results. Each code has one canonical unit (what `observations.unit` holds) and a
 * plausible range in that unit; other accepted units come from `UNIT_CONVERSIONS`.
 */
export interface LoincCode {
  code: string;
  name: string;
  /** UCUM-style spelling of the unit observations of this code are stored in. */
  canonicalUnit: string;
  /** Values outside [min, max] (canonical unit) are quarantined as implausible. */
  plausible: { min: number; max: number };
}

export const LOINC_SUBSET: readonly LoincCode[] = [
  {
    code: '2345-7',
    name: 'Glucose [Mass/volume] in Serum or Plasma',
    canonicalUnit: 'mg/dL',
    plausible: { min: 10, max: 1500 },
  },
  {
    code: '2160-0',
    name: 'Creatinine [Mass/volume] in Serum or Plasma',
    canonicalUnit: 'mg/dL',
    plausible: { min: 0.1, max: 25 },
  },
  {
    code: '2093-3',
    name: 'Cholesterol [Mass/volume] in Serum or Plasma',
    canonicalUnit: 'mg/dL',
    plausible: { min: 30, max: 1000 },
  },
  {
    code: '2085-9',
    name: 'HDL Cholesterol [Mass/volume] in Serum or Plasma',
    canonicalUnit: 'mg/dL',
    plausible: { min: 5, max: 200 },
  },
  {
    code: '2571-8',
    name: 'Triglyceride [Mass/volume] in Serum or Plasma',
    canonicalUnit: 'mg/dL',
    plausible: { min: 10, max: 5000 },
  },
  {
    code: '718-7',
    name: 'Hemoglobin [Mass/volume] in Blood',
    canonicalUnit: 'g/dL',
    plausible: { min: 2, max: 25 },
  },
  {
    code: '2823-3',
    name: 'Potassium [Moles/volume] in Serum or Plasma',
    canonicalUnit: 'mmol/L',
    plausible: { min: 1, max: 10 },
  },
  {
    code: '2951-2',
    name: 'Sodium [Moles/volume] in Serum or Plasma',
    canonicalUnit: 'mmol/L',
    plausible: { min: 100, max: 180 },
  },
  {
    code: '17861-6',
    name: 'Calcium [Mass/volume] in Serum or Plasma',
    canonicalUnit: 'mg/dL',
    plausible: { min: 4, max: 20 },
  },
  {
    code: '3094-0',
    name: 'Urea nitrogen [Mass/volume] in Serum or Plasma',
    canonicalUnit: 'mg/dL',
    plausible: { min: 1, max: 200 },
  },
  {
    code: '4548-4',
    name: 'Hemoglobin A1c/Hemoglobin.total in Blood',
    canonicalUnit: '%',
    plausible: { min: 3, max: 20 },
  },
  {
    code: '6690-2',
    name: 'Leukocytes [#/volume] in Blood by Automated count',
    canonicalUnit: '10*3/uL',
    plausible: { min: 0.1, max: 200 },
  },
  {
    code: '777-3',
    name: 'Platelets [#/volume] in Blood by Automated count',
    canonicalUnit: '10*3/uL',
    plausible: { min: 1, max: 2000 },
  },
  {
    code: '1742-6',
    name: 'Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma',
    canonicalUnit: 'U/L',
    plausible: { min: 1, max: 5000 },
  },
  {
    code: '3016-3',
    name: 'Thyrotropin [Units/volume] in Serum or Plasma',
    canonicalUnit: 'm[IU]/L',
    plausible: { min: 0.005, max: 100 },
  },
];

const BY_CODE = new Map(LOINC_SUBSET.map((entry) => [entry.code, entry]));

export function findLoinc(code: string): LoincCode | undefined {
  return BY_CODE.get(code);
}

const LOINC_FORMAT = /^(\d{1,7})-(\d)$/;

/**
 * LOINC's Mod 10 check digit (the Luhn scheme): double every other digit from the right, add the
 * digits of the results and the untouched digits, and take what is missing to the next ten.
 */
export function loincCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const digit = Number(digits[digits.length - 1 - i]);
    const doubled = i % 2 === 0 ? digit * 2 : digit;
    sum += doubled > 9 ? doubled - 9 : doubled;
  }
  return (10 - (sum % 10)) % 10;
}

export type LoincCheck = { ok: true; entry: LoincCode } | { ok: false; reason: string };

/** Checks format, check digit and membership of the shipped subset, with a reason free of the value. */
export function checkLoinc(code: string): LoincCheck {
  const match = LOINC_FORMAT.exec(code);
  if (!match) return { ok: false, reason: 'not a LOINC code (digits, dash, check digit)' };
  if (loincCheckDigit(match[1]!) !== Number(match[2]))
    return { ok: false, reason: 'LOINC check digit does not match' };
  const entry = findLoinc(code);
  if (!entry) return { ok: false, reason: 'LOINC code is not in the supported subset' };
  return { ok: true, entry };
}
