import { findLoinc } from '../../health/observations/loinc-subset';
import { seededRandom } from '../../health/observations/seeded-random';
import { syntheticObservations, syntheticStart } from '../../health/observations/synthetic-observations';
import { LOINC_SYSTEM, UCUM_SYSTEM } from '../../health/observations/validate-fhir-resource';
import { PATIENT_ID_SYSTEM } from './fhir-bundle.pipeline';

/** A second identifier system, so the demo shows patients linked by more than one identifier. */
export const DEMO_MRN_SYSTEM = 'urn:signalbox:demo-hospital:mrn';

export const BAD_ENTRY_KINDS = [
  'unsupported-type',
  'no-value',
  'entered-in-error',
  'unresolved-subject',
  'no-loinc',
  'patient-without-identifier',
] as const;

export interface SyntheticBundleOptions {
  seed: number;
  patients: number;
  observations: number;
  /** How many bad entries to add (cycling through `BAD_ENTRY_KINDS`). */
  badEntries?: number;
  firstPatient?: number;
  startAt?: Date;
}

function uuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/**
 * A synthetic FHIR R4 collection Bundle: Patient entries (identified in `PATIENT_ID_SYSTEM` and a
 * demo MRN system) and lab Observations referring to them by fullUrl or `Patient/<id>`, plus the
 * requested number of bad entries. Deterministic for a seed; no real patient data.
 */
export function generateFhirBundle(options: SyntheticBundleOptions): Record<string, unknown> {
  const random = seededRandom(options.seed ^ 0x5eed);
  const firstPatient = options.firstPatient ?? 1;
  const entries: Record<string, unknown>[] = [];
  const patients = Array.from({ length: options.patients }, (_, i) => {
    const n = firstPatient + i;
    const id = `pat-${n}`;
    const fullUrl = `urn:uuid:${uuid(random)}`;
    entries.push({
      fullUrl,
      resource: {
        resourceType: 'Patient',
        id,
        identifier: [
          { system: PATIENT_ID_SYSTEM, value: `P-${String(n).padStart(6, '0')}` },
          { system: DEMO_MRN_SYSTEM, value: `MRN-${String(900_000 + n)}` },
        ],
        gender: random() < 0.5 ? 'female' : 'male',
      },
    });
    return { id, fullUrl };
  });
  const source = syntheticObservations({
    seed: options.seed,
    patients: options.patients,
    firstPatient,
    startAt: options.startAt ?? new Date(syntheticStart(options.seed).getTime() + 3.5 * 86_400_000),
    otherUnitShare: 0.2,
  });
  const observation = (subject: Record<string, unknown>) => {
    const o = source.next().value!;
    const patient = patients[Number(o.patientId.slice(2)) - firstPatient]!;
    return {
      fullUrl: `urn:uuid:${uuid(random)}`,
      resource: {
        resourceType: 'Observation',
        status: 'final',
        category: [
          {
            coding: [
              { system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' },
            ],
          },
        ],
        code: {
          coding: [{ system: LOINC_SYSTEM, code: o.loincCode, display: findLoinc(o.loincCode)?.name }],
        },
        subject: Object.keys(subject).length
          ? subject
          : { reference: random() < 0.5 ? patient.fullUrl : `Patient/${patient.id}` },
        effectiveDateTime: o.effectiveAt,
        valueQuantity: {
          value: Number(o.value),
          unit: o.unit,
          system: UCUM_SYSTEM,
          code: o.unit.replace('µ', 'u'),
        },
      },
    };
  };
  for (let i = 0; i < options.observations; i++) entries.push(observation({}));
  for (let i = 0; i < (options.badEntries ?? 0); i++) {
    const kind = BAD_ENTRY_KINDS[i % BAD_ENTRY_KINDS.length]!;
    const entry = observation({}) as { fullUrl: string; resource: Record<string, unknown> };
    switch (kind) {
      case 'unsupported-type':
        entries.push({ fullUrl: entry.fullUrl, resource: { resourceType: 'Encounter', status: 'finished' } });
        break;
      case 'no-value':
        delete entry.resource.valueQuantity;
        entries.push(entry);
        break;
      case 'entered-in-error':
        entry.resource.status = 'entered-in-error';
        entries.push(entry);
        break;
      case 'unresolved-subject':
        entry.resource.subject = { reference: 'Patient/not-in-this-bundle' };
        entries.push(entry);
        break;
      case 'no-loinc':
        entry.resource.code = { coding: [{ system: 'http://snomed.info/sct', code: '33747003' }] };
        entries.push(entry);
        break;
      case 'patient-without-identifier':
        entries.push({
          fullUrl: `urn:uuid:${uuid(random)}`,
          resource: { resourceType: 'Patient', id: `anon-${i}` },
        });
        break;
    }
  }
  return { resourceType: 'Bundle', type: 'collection', entry: entries };
}
