import { describe, expect, it } from 'vitest';
import { PATIENT_ID_SYSTEM } from '../../pipelines/fhir-bundle/fhir-bundle.pipeline';
import { BAD_ENTRY_KINDS, generateFhirBundle } from '../../pipelines/fhir-bundle/synthetic-fhir-bundle';
import { validateFhirObservation, validateFhirPatient } from './validate-fhir-resource';

const NOW = new Date('2026-06-01T00:00:00Z');
type Entry = { fullUrl: string; resource: Record<string, unknown> };
const entries = (bundle: Record<string, unknown>) => bundle.entry as Entry[];

describe('FHIR resource validation on a generated bundle', () => {
  const bundle = generateFhirBundle({
    seed: 5,
    patients: 8,
    observations: 60,
    badEntries: BAD_ENTRY_KINDS.length,
  });
  const all = entries(bundle);

  it('accepts the generated Patients with their Signalbox patient id', () => {
    const patients = all.filter(
      (e) => e.resource.resourceType === 'Patient' && Array.isArray(e.resource.identifier),
    );
    expect(patients).toHaveLength(8);
    for (const p of patients) {
      const result = validateFhirPatient(p.resource, PATIENT_ID_SYSTEM);
      expect(result).toMatchObject({ ok: true, patientId: expect.stringMatching(/^P-\d{6}$/) });
      if (result.ok) expect(result.identifiers).toHaveLength(2);
    }
  });

  it('accepts the generated Observations (subject by fullUrl or Patient/id)', () => {
    const observations = all.slice(8, 68);
    for (const o of observations) {
      const result = validateFhirObservation(o.resource, NOW);
      expect(result.ok, JSON.stringify(result)).toBe(true);
      if (result.ok) expect(result.subject.reference).toMatch(/^(urn:uuid:|Patient\/pat-)/);
    }
  });

  it('quarantines each kind of bad Observation with the field at fault', () => {
    const bad = all.slice(68).filter((e) => e.resource.resourceType === 'Observation');
    const fields = bad.map((e) => {
      const result = validateFhirObservation(e.resource, NOW);
      return result.ok ? 'ok' : result.issues.map((i) => i.field).join('+');
    });
    // no-value, entered-in-error, unresolved-subject (resolved later, against the bundle), no-loinc.
    expect(fields).toEqual([
      'Observation.valueQuantity',
      'Observation.status',
      'ok',
      'Observation.code.coding',
    ]);
  });

  it('refuses a Patient without identifiers and reports every missing Observation field', () => {
    expect(validateFhirPatient({ resourceType: 'Patient', id: 'x' }, PATIENT_ID_SYSTEM)).toMatchObject({
      ok: false,
      issues: [{ field: 'Patient.identifier' }],
    });
    const result = validateFhirObservation({ resourceType: 'Observation' }, NOW);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues.map((i) => i.field)).toEqual([
        'Observation.status',
        'Observation.subject',
        'Observation.code.coding',
        'Observation.valueQuantity',
        'Observation.effectiveDateTime',
      ]);
    }
  });

  it('uses the UCUM code over the free-text unit, and refuses effectivePeriod', () => {
    const base = all[8]!.resource;
    const ucum = validateFhirObservation(
      {
        ...base,
        code: { coding: [{ system: 'http://loinc.org', code: '2345-7' }] },
        valueQuantity: {
          value: 5.5,
          unit: 'millimoles per litre',
          system: 'http://unitsofmeasure.org',
          code: 'mmol/L',
        },
      },
      NOW,
    );
    expect(ucum).toMatchObject({
      ok: true,
      measurement: { loincCode: '2345-7', value: 5.5, unit: 'mmol/L' },
    });
    const period = {
      ...base,
      effectiveDateTime: undefined,
      effectivePeriod: { start: '2026-01-01T00:00:00Z' },
    };
    expect(validateFhirObservation(period, NOW)).toMatchObject({
      ok: false,
      issues: [
        { field: 'Observation.effectiveDateTime', reason: expect.stringContaining('effectivePeriod') },
      ],
    });
  });
});
