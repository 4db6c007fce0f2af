import { describe, expect, it } from 'vitest';
import { checkLoinc, findLoinc, LOINC_SUBSET, loincCheckDigit } from './loinc-subset';
import { acceptedUnits, factorToCanonical, toCanonical, UNIT_CONVERSIONS, unitKey } from './unit-conversions';

const entry = (code: string) => findLoinc(code)!;

describe('the LOINC subset', () => {
  it('has valid check digits and unique codes', () => {
    for (const { code } of LOINC_SUBSET) {
      const [digits, check] = code.split('-');
      expect(loincCheckDigit(digits!), code).toBe(Number(check));
    }
    expect(new Set(LOINC_SUBSET.map((e) => e.code)).size).toBe(LOINC_SUBSET.length);
  });

  it('explains why a code is refused, without quoting it', () => {
    expect(checkLoinc('2345-7')).toMatchObject({ ok: true });
    expect(checkLoinc('2345-8')).toEqual({ ok: false, reason: 'LOINC check digit does not match' });
    expect(checkLoinc('99999-5')).toEqual({ ok: false, reason: 'LOINC code is not in the supported subset' });
    expect(checkLoinc('glucose')).toEqual({
      ok: false,
      reason: 'not a LOINC code (digits, dash, check digit)',
    });
  });
});

describe('unit conversions (one table)', () => {
  it('always converts to the canonical unit of a known code, once per unit', () => {
    for (const c of UNIT_CONVERSIONS) {
      expect(findLoinc(c.code), c.code).toBeDefined();
      expect(c.to, c.code).toBe(findLoinc(c.code)!.canonicalUnit);
      expect(c.factor).toBeGreaterThan(0);
    }
    const keys = UNIT_CONVERSIONS.map((c) => `${c.code} ${unitKey(c.from)}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('uses the clinical factors', () => {
    expect(toCanonical(entry('2345-7'), 5.5, 'mmol/L')).toEqual({ value: 99.088, unit: 'mg/dL' });
    expect(toCanonical(entry('2345-7'), 99, 'mg/dL')).toEqual({ value: 99, unit: 'mg/dL' });
    expect(toCanonical(entry('2160-0'), 88.42, 'µmol/L')).toEqual({ value: 1, unit: 'mg/dL' });
    expect(toCanonical(entry('2093-3'), 5, 'mmol/L')).toEqual({ value: 193.35, unit: 'mg/dL' });
    expect(toCanonical(entry('718-7'), 135, 'g/L')).toEqual({ value: 13.5, unit: 'g/dL' });
    expect(toCanonical(entry('2823-3'), 4.1, 'mEq/L')).toEqual({ value: 4.1, unit: 'mmol/L' });
    expect(toCanonical(entry('2951-2'), 140, 'meq/l')).toEqual({ value: 140, unit: 'mmol/L' });
  });

  it('compares unit spellings loosely but refuses other units', () => {
    expect(factorToCanonical(entry('2345-7'), 'MG/DL')).toBe(1);
    expect(factorToCanonical(entry('2345-7'), ' mmol / L ')).toBe(18.016);
    expect(factorToCanonical(entry('2160-0'), 'μmol/L')).toBeCloseTo(1 / 88.42);
    expect(factorToCanonical(entry('2160-0'), 'umol/L')).toBeCloseTo(1 / 88.42);
    expect(factorToCanonical(entry('6690-2'), '10^9/L')).toBe(1);
    expect(factorToCanonical(entry('3016-3'), 'uIU/mL')).toBe(1);
    expect(factorToCanonical(entry('2345-7'), 'g/L')).toBeUndefined();
    expect(acceptedUnits(entry('2345-7'))).toEqual(['mg/dL', 'mmol/L']);
  });
});
