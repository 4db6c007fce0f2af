import { findLoinc, LOINC_SUBSET } from './loinc-subset';
import { between, pick, seededRandom } from './seeded-random';
import { UNIT_CONVERSIONS } from './unit-conversions';

/** Typical results per code (canonical unit): what a synthetic lab reports most of the time. */
const TYPICAL: Record<string, [number, number, number]> = {
  // code: [min, max, decimals]
  '2345-7': [65, 220, 0],
  '2160-0': [0.5, 2.5, 2],
  '2093-3': [120, 280, 0],
  '2085-9': [30, 90, 0],
  '2571-8': [50, 400, 0],
  '718-7': [9, 17.5, 1],
  '2823-3': [3.2, 5.4, 1],
  '2951-2': [132, 147, 0],
  '17861-6': [8.2, 10.6, 1],
  '3094-0': [6, 40, 0],
  '4548-4': [4.8, 9.5, 1],
  '6690-2': [3.5, 14, 1],
  '777-3': [120, 420, 0],
  '1742-6': [8, 90, 0],
  '3016-3': [0.4, 6, 2],
};

export interface SyntheticObservation {
  patientId: string;
  loincCode: string;
  value: string;
  unit: string;
  /** ISO 8601 with `Z` or an offset. */
  effectiveAt: string;
}

export interface SyntheticOptions {
  seed: number;
  /** Number of distinct synthetic patients (ids `P-000001`…). */
  patients: number;
  /** First result time; each next result is one minute later, so (patient, code, time) never repeats. */
  startAt: Date;
  /** Share of results reported in a non-canonical accepted unit (mmol/L for glucose, ...). */
  otherUnitShare?: number;
  /** Offset patient numbers, so two files can cover different patients. */
  firstPatient?: number;
}

/** Where the results of a seed start: one week per seed from 2025-01-01 (seeds 0–60 stay in the past). */
export const syntheticStart = (seed: number) => new Date(Date.UTC(2025, 0, 1, 6, 0) + seed * 7 * 86_400_000);

export const syntheticPatientId = (n: number) => `P-${String(n).padStart(6, '0')}`;

const round = (value: number, decimals: number) => Number(value.toFixed(decimals));

function isoWithOffset(at: Date, offsetMinutes: number): string {
  if (offsetMinutes === 0) return at.toISOString().replace('.000Z', 'Z');
  const local = new Date(at.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * An endless, deterministic stream of plausible synthetic lab results. Entirely made up: patient
 * ids are sequence numbers, values are drawn from typical ranges. Take as many as needed.
 */
export function* syntheticObservations(options: SyntheticOptions): Generator<SyntheticObservation> {
  const random = seededRandom(options.seed);
  const otherUnitShare = options.otherUnitShare ?? 0.25;
  const firstPatient = options.firstPatient ?? 1;
  for (let i = 0; ; i++) {
    const entry = pick(random, LOINC_SUBSET);
    const [min, max, decimals] = TYPICAL[entry.code]!;
    const canonical = between(random, min, max);
    const conversions = UNIT_CONVERSIONS.filter((c) => c.code === entry.code);
    const useOther = conversions.length > 0 && random() < otherUnitShare;
    const conversion = useOther ? pick(random, conversions) : undefined;
    const value = conversion ? round(canonical / conversion.factor, 2) : round(canonical, decimals);
    const unit = conversion ? conversion.from.replace('umol', 'µmol') : entry.canonicalUnit;
    const at = new Date(options.startAt.getTime() + i * 60_000);
    const offset = pick(random, [0, 0, 0, 60, 120, -300]);
    yield {
      patientId: syntheticPatientId(firstPatient + Math.floor(random() * options.patients)),
      loincCode: entry.code,
      value: String(value),
      unit,
      effectiveAt: isoWithOffset(at, offset),
    };
  }
}

/** Kinds of bad data the generators inject, each caught by a different check. */
export const DEFECTS = [
  'unknown-code',
  'check-digit',
  'not-a-number',
  'censored',
  'unit',
  'no-patient',
  'no-time-zone',
  'implausible',
  'future',
] as const;
export type Defect = (typeof DEFECTS)[number];

/** Spoils one field of a synthetic result the way real feeds go wrong. */
export function spoil(observation: SyntheticObservation, defect: Defect): SyntheticObservation {
  const entry = findLoinc(observation.loincCode)!;
  switch (defect) {
    case 'unknown-code':
      return { ...observation, loincCode: '99999-5' };
    case 'check-digit':
      return {
        ...observation,
        loincCode: `${observation.loincCode.slice(0, -1)}${(Number(observation.loincCode.slice(-1)) + 1) % 10}`,
      };
    case 'not-a-number':
      return { ...observation, value: 'pending' };
    case 'censored':
      return { ...observation, value: `<${observation.value}` };
    case 'unit':
      return { ...observation, unit: 'furlongs' };
    case 'no-patient':
      return { ...observation, patientId: '' };
    case 'no-time-zone':
      return { ...observation, effectiveAt: observation.effectiveAt.slice(0, 19) };
    case 'implausible':
      return { ...observation, value: String(entry.plausible.max * 10), unit: entry.canonicalUnit };
    case 'future':
      return { ...observation, effectiveAt: '2999-01-01T00:00:00Z' };
  }
}
