import {
  checkMeasurement,
  checkPatientId,
  type FieldIssue,
  type Measurement,
  rawText,
} from './check-measurement';

export const LOINC_SYSTEM = 'http://loinc.org';
export const UCUM_SYSTEM = 'http://unitsofmeasure.org';
/** Observation statuses that carry a result worth loading. */
export const LOADED_STATUSES = ['final', 'amended', 'corrected', 'preliminary'] as const;

export interface Identifier {
  system: string;
  value: string;
}

/** A subject reference as found: a literal reference (`Patient/1`, `urn:uuid:…`) and/or an identifier. */
export interface SubjectRef {
  reference: string | null;
  identifier: Identifier | null;
}

export type ValidatedPatient =
  | { ok: true; resourceId: string | null; identifiers: Identifier[]; patientId: string | null }
  | { ok: false; issues: FieldIssue[] };

export type ValidatedObservation =
  | { ok: true; subject: SubjectRef; measurement: Measurement }
  | { ok: false; issues: FieldIssue[] };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

function asIdentifier(value: unknown): Identifier | null {
  if (!isObject(value) || !nonEmpty(value.system) || !nonEmpty(value.value)) return null;
  return { system: value.system.trim(), value: value.value.trim() };
}

/**
 * A Patient needs at least one identifier with a system and a value. Its Signalbox patient id is the
 * value of the identifier in `patientIdSystem`; without one, the caller may still link it through
 * an identifier it already knows.
 */
export function validateFhirPatient(
  resource: Record<string, unknown>,
  patientIdSystem: string,
): ValidatedPatient {
  const raw = resource.identifier;
  const identifiers = Array.isArray(raw)
    ? raw.map(asIdentifier).filter((i): i is Identifier => i !== null)
    : [];
  if (identifiers.length === 0) {
    return {
      ok: false,
      issues: [
        {
          field: 'Patient.identifier',
          reason: 'missing (at least one identifier with system and value)',
          rawValue: rawText(raw),
        },
      ],
    };
  }
  const own = identifiers.find((i) => i.system === patientIdSystem);
  let patientId: string | null = null;
  if (own) {
    const checked = checkPatientId(own.value, 'Patient.identifier.value');
    if (typeof checked !== 'string') return { ok: false, issues: [checked] };
    patientId = checked;
  }
  const resourceId = nonEmpty(resource.id) ? resource.id.trim() : null;
  return { ok: true, resourceId, identifiers, patientId };
}

/**
 * An Observation needs a loadable status, a subject (reference or identifier), a LOINC coding from
 * the shipped subset, a valueQuantity with value and unit, and an effectiveDateTime with a zone.
 */
export function validateFhirObservation(resource: Record<string, unknown>, now: Date): ValidatedObservation {
  const issues: FieldIssue[] = [];
  const status = resource.status;
  if (!nonEmpty(status))
    issues.push({ field: 'Observation.status', reason: 'missing', rawValue: rawText(status) });
  else if (!(LOADED_STATUSES as readonly string[]).includes(status)) {
    issues.push({
      field: 'Observation.status',
      reason: `not loaded (loaded: ${LOADED_STATUSES.join(', ')})`,
      rawValue: rawText(status),
    });
  }

  let subject: SubjectRef | null = null;
  const rawSubject = resource.subject;
  if (isObject(rawSubject) && (nonEmpty(rawSubject.reference) || asIdentifier(rawSubject.identifier))) {
    subject = {
      reference: nonEmpty(rawSubject.reference) ? rawSubject.reference.trim() : null,
      identifier: asIdentifier(rawSubject.identifier),
    };
  } else {
    issues.push({
      field: 'Observation.subject',
      reason: 'missing (reference or identifier)',
      rawValue: rawText(rawSubject),
    });
  }

  const code = isObject(resource.code) ? resource.code : {};
  const codings = Array.isArray(code.coding) ? code.coding.filter(isObject) : [];
  const loinc = codings.find((c) => c.system === LOINC_SYSTEM);
  if (!loinc) {
    issues.push({
      field: 'Observation.code.coding',
      reason: `no coding with system ${LOINC_SYSTEM}`,
      rawValue: rawText(resource.code),
    });
  }

  const quantity = isObject(resource.valueQuantity) ? resource.valueQuantity : null;
  if (!quantity) {
    issues.push({
      field: 'Observation.valueQuantity',
      reason: 'missing',
      rawValue: rawText(resource.valueQuantity),
    });
  }
  const unit = quantity
    ? quantity.system === UCUM_SYSTEM && nonEmpty(quantity.code)
      ? quantity.code
      : quantity.unit
    : undefined;

  if (resource.effectiveDateTime === undefined && (resource.effectivePeriod || resource.effectiveInstant)) {
    issues.push({
      field: 'Observation.effectiveDateTime',
      reason: 'missing (effectivePeriod and effectiveInstant are not supported)',
      rawValue: null,
    });
  }
  const measured = checkMeasurement(
    { loincCode: loinc?.code, value: quantity?.value, unit, effectiveAt: resource.effectiveDateTime },
    {
      loincCode: 'Observation.code.coding.code',
      value: 'Observation.valueQuantity.value',
      unit: 'Observation.valueQuantity.unit',
      effectiveAt: 'Observation.effectiveDateTime',
    },
    now,
  );
  for (const found of measured.issues) {
    // Missing parts already reported at their parent (no LOINC coding, no valueQuantity, period given).
    if (!loinc && found.field === 'Observation.code.coding.code') continue;
    if (!quantity && found.field.startsWith('Observation.valueQuantity.')) continue;
    if (issues.some((i) => i.field === found.field)) continue;
    issues.push(found);
  }
  if (issues.length > 0 || !subject || !measured.measurement) return { ok: false, issues };
  return { ok: true, subject, measurement: measured.measurement };
}
