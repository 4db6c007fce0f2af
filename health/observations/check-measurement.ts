import { checkLoinc } from './loinc-subset';
import { parseTimestamp } from './parse-timestamp';
import { acceptedUnits, toCanonical } from './unit-conversions';

/** Why one field of a record is quarantined. `rawValue` is payload: store it, never log it. */
export interface FieldIssue {
  field: string;
  reason: string;
  rawValue: string | null;
}

/** A lab measurement that passed every check; `unit` as given (normalizing converts it). */
export interface Measurement {
  loincCode: string;
  value: number;
  unit: string;
  effectiveAt: Date;
}

export interface RawMeasurement {
  loincCode: unknown;
  value: unknown;
  unit: unknown;
  effectiveAt: unknown;
}

/** Where each part of a measurement lives in the source record, for the quarantine's `field`. */
export type MeasurementFields = Record<keyof RawMeasurement, string>;

const MAX_RAW_VALUE = 500;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const EARLIEST = Date.UTC(1900, 0, 1);
/** Clocks of labs and servers drift: allow results stamped up to a day ahead. */
const FUTURE_SLACK_MS = 24 * 3_600_000;

/** The offending value as text for the quarantine table (bounded; never for logs). */
export function rawText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_RAW_VALUE ? `${text.slice(0, MAX_RAW_VALUE)}…` : text;
}

const isBlank = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

function parseValue(value: unknown): number | string {
  if (typeof value === 'number') return Number.isFinite(value) ? value : 'not a finite number';
  if (typeof value !== 'string') return 'not a number';
  const text = value.trim();
  if (/^[<>≤≥]/.test(text)) return 'censored values (< or >) are not supported';
  if (!NUMBER.test(text)) return 'not a number';
  return Number(text);
}

/**
 * Checks the measurement part of a record: a LOINC code from the shipped subset, a numeric value, a
 * unit accepted for that code, a time-zoned timestamp that is not in the future, and a value inside
 * the code's plausible range. Every failing field yields an issue; reasons never quote the value.
 */
export function checkMeasurement(
  raw: RawMeasurement,
  fields: MeasurementFields,
  now: Date,
): { measurement: Measurement; issues: [] } | { measurement: null; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const issue = (key: keyof RawMeasurement, reason: string) =>
    issues.push({ field: fields[key], reason, rawValue: rawText(raw[key]) });

  let entry: ReturnType<typeof checkLoinc> | undefined;
  if (isBlank(raw.loincCode)) issue('loincCode', 'missing');
  else if (typeof raw.loincCode !== 'string')
    issue('loincCode', 'not a LOINC code (digits, dash, check digit)');
  else {
    entry = checkLoinc(raw.loincCode.trim());
    if (!entry.ok) issue('loincCode', entry.reason);
  }

  let value: number | undefined;
  if (isBlank(raw.value)) issue('value', 'missing');
  else {
    const parsed = parseValue(raw.value);
    if (typeof parsed === 'string') issue('value', parsed);
    else value = parsed;
  }

  let unit: string | undefined;
  if (isBlank(raw.unit)) issue('unit', 'missing');
  else if (typeof raw.unit !== 'string') issue('unit', 'not a unit');
  else unit = raw.unit.trim();

  let effectiveAt: Date | undefined;
  if (isBlank(raw.effectiveAt)) issue('effectiveAt', 'missing');
  else {
    effectiveAt = typeof raw.effectiveAt === 'string' ? parseTimestamp(raw.effectiveAt) : undefined;
    if (!effectiveAt) issue('effectiveAt', 'not an ISO 8601 date-time with a time zone (Z or ±hh:mm)');
    else if (effectiveAt.getTime() > now.getTime() + FUTURE_SLACK_MS) issue('effectiveAt', 'in the future');
    else if (effectiveAt.getTime() < EARLIEST) issue('effectiveAt', 'before 1900');
  }

  if (entry?.ok && unit !== undefined) {
    const canonical = value === undefined ? undefined : toCanonical(entry.entry, value, unit);
    if (!toCanonical(entry.entry, 1, unit)) {
      issue(
        'unit',
        `not accepted for ${entry.entry.code} (accepted: ${acceptedUnits(entry.entry).join(', ')})`,
      );
    } else if (canonical) {
      const { min, max } = entry.entry.plausible;
      if (canonical.value < min || canonical.value > max) {
        issue(
          'value',
          `outside the plausible range for ${entry.entry.code} (${min}–${max} ${entry.entry.canonicalUnit})`,
        );
      }
    }
  }

  if (issues.length > 0 || !entry?.ok || value === undefined || unit === undefined || !effectiveAt) {
    return { measurement: null, issues };
  }
  return { measurement: { loincCode: entry.entry.code, value, unit, effectiveAt }, issues: [] };
}

const PATIENT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** A patient id as Signalbox keys patients: 1–64 letters, digits, `.`, `_` or `-`. */
export function checkPatientId(value: unknown, field: string): FieldIssue | string {
  if (isBlank(value)) return { field, reason: 'missing', rawValue: rawText(value) };
  if (typeof value !== 'string' || !PATIENT_ID.test(value.trim())) {
    return {
      field,
      reason: 'not a valid patient id (1–64 letters, digits, . _ -)',
      rawValue: rawText(value),
    };
  }
  return value.trim();
}
