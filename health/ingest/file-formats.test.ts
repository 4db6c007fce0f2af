import { describe, expect, it } from 'vitest';
import { MalformedFile } from './malformed-file';
import { parseBundleText } from './parse-fhir-bundle';
import { readHeader } from './parse-lab-csv';

describe('lab CSV header', () => {
  it('maps required columns in any order and case, ignoring others', () => {
    expect(readHeader(['Value', 'unit', 'extra', 'PATIENT_ID', 'effective_at', ' loinc_code '])).toEqual({
      patient_id: 3,
      loinc_code: 5,
      value: 0,
      unit: 1,
      effective_at: 4,
    });
  });

  it('names the missing columns but never echoes what the header holds', () => {
    const attempt = () => readHeader(['P-000001', '2345-7', '99', 'mg/dL']);
    expect(attempt).toThrow(MalformedFile);
    expect(attempt).toThrow(
      'header lacks required columns: patient_id, loinc_code, value, unit, effective_at',
    );
    try {
      attempt();
    } catch (error) {
      expect((error as Error).message).not.toContain('P-000001');
    }
    expect(() => readHeader(['patient_id', 'loinc_code', 'value', 'unit', 'effective_at', 'value'])).toThrow(
      'header repeats column value',
    );
    expect(() => readHeader(['\u0000\u0001PNG'])).toThrow('not a UTF-8 text file');
  });
});

describe('FHIR bundle text', () => {
  it('refuses non-JSON without quoting it, and non-Bundles', () => {
    expect(() => parseBundleText('{"resourceType": "Bundle", "entry": [ {"secret": P-000001')).toThrow(
      /^not valid JSON/,
    );
    try {
      parseBundleText('{"a": P-000001}');
    } catch (error) {
      expect((error as Error).message).not.toContain('P-000001');
    }
    expect(() => parseBundleText('{"resourceType": "Patient"}')).toThrow('not a FHIR Bundle');
    expect(() => parseBundleText('{"resourceType": "Bundle", "entry": {}}')).toThrow(
      'Bundle.entry is not an array',
    );
    expect(parseBundleText('{"resourceType": "Bundle", "type": "collection"}')).toEqual([]);
  });
});

describe('inbox settling', () => {
  it('waits for files still being written, and takes files from a skewed clock', async () => {
    const { isSettled } = await import('./poll-inbox');
    const now = 1_000_000;
    expect(isSettled(now - 5_000, now, 2_000)).toBe(true);
    expect(isSettled(now - 1_000, now, 2_000)).toBe(false);
    expect(isSettled(now + 30_000, now, 2_000)).toBe(false);
    expect(isSettled(now + 120_000, now, 2_000)).toBe(true);
  });
});
