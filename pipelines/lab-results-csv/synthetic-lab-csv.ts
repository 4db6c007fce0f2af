import { findLoinc } from '../../health/observations/loinc-subset';
import {
  DEFECTS,
  type SyntheticObservation,
  spoil,
  syntheticObservations,
  syntheticStart,
} from '../../health/observations/synthetic-observations';

export interface SyntheticLabCsvOptions {
  /** Same seed, same file. */
  seed: number;
  rows: number;
  /** Share of rows (0..1) spoiled in one field, spread evenly through the file. */
  badShare?: number;
  patients?: number;
  firstPatient?: number;
  /** Default: one week per seed from 2025-01-01, so files of different seeds never share a minute. */
  startAt?: Date;
}

export const LAB_CSV_HEADER = 'patient_id,loinc_code,test_name,value,unit,effective_at';

/** How many rows `labCsvLines` spoils: exactly this many, whatever the seed. */
export const badRowCount = (rows: number, badShare = 0) => Math.floor(rows * badShare);

const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;

function line(o: SyntheticObservation): string {
  const name = findLoinc(o.loincCode)?.name ?? 'Unknown test';
  return [o.patientId, o.loincCode, quote(name), o.value, o.unit, o.effectiveAt].join(',');
}

/**
 * A synthetic lab results CSV, line by line (header first, `\n` endings), so a 100,000-row file can
 * be written without holding it in memory. Bad rows cycle through every defect the validator knows,
 * plus rows with an extra field. No real patient data: ids and values are made up from the seed.
 */
export function* labCsvLines(options: SyntheticLabCsvOptions): Generator<string> {
  const badShare = options.badShare ?? 0;
  const source = syntheticObservations({
    seed: options.seed,
    patients: options.patients ?? Math.max(10, Math.ceil(options.rows / 20)),
    firstPatient: options.firstPatient,
    startAt: options.startAt ?? syntheticStart(options.seed),
  });
  yield `${LAB_CSV_HEADER}\n`;
  let spoiled = 0;
  for (let i = 0; i < options.rows; i++) {
    const observation = source.next().value as SyntheticObservation;
    const bad = badRowCount(i + 1, badShare) > badRowCount(i, badShare);
    if (!bad) {
      yield `${line(observation)}\n`;
      continue;
    }
    const kind = spoiled++ % (DEFECTS.length + 1);
    yield kind === DEFECTS.length
      ? `${line(observation)},unexpected\n`
      : `${line(spoil(observation, DEFECTS[kind]!))}\n`;
  }
}

export const generateLabCsv = (options: SyntheticLabCsvOptions): string => [...labCsvLines(options)].join('');
