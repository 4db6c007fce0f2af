import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import type { Executor } from '../../db/client';
import {
  insertQuarantinedRecords,
  type NewQuarantinedRecord,
} from '../../db/queries/insert-quarantined-records';
import { insertStagedRecords, type NewStagedRecord } from '../../db/queries/insert-staged-records';
import { rawText } from '../observations/check-measurement';
import { LAB_CSV_COLUMNS, type LabCsvRow } from '../observations/validate-lab-row';
import { countIngest, type IngestCounts } from './ingest-counts';
import { MalformedFile } from './malformed-file';
import { readIngestFile } from './read-ingest-file';

export interface ParseOptions {
  runId: string;
  fileId: string;
  signal?: AbortSignal;
  /** Records staged per INSERT. */
  batchSize?: number;
}

/** A record longer than this is not a lab result: the file is not what it claims to be. */
const MAX_RECORD_CHARS = 64 * 1024;

const CSV_PROBLEMS: Partial<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed',
  CSV_INVALID_CLOSING_QUOTE: 'a closing quote is followed by other characters',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'a closing quote is followed by other characters',
  CSV_MAX_RECORD_SIZE: `a record is longer than ${MAX_RECORD_CHARS} characters`,
};

/** csv-parse's own messages quote the offending text: keep only what and where. */
function describeCsvError(error: CsvError, lines: number): MalformedFile {
  const problem = CSV_PROBLEMS[error.code] ?? `unreadable CSV (${error.code})`;
  const line = (error as unknown as { lines?: number }).lines ?? lines;
  return new MalformedFile(`malformed CSV near line ${line}: ${problem}`);
}

/** Maps required column name → index in the header; throws for a header that lacks one. */
export function readHeader(header: readonly string[]): Record<(typeof LAB_CSV_COLUMNS)[number], number> {
  if (header.some((name) => name.includes('\u0000') || name.includes('\uFFFD'))) {
    throw new MalformedFile('not a UTF-8 text file (binary content in the header)');
  }
  const names = header.map((name) => name.trim().toLowerCase());
  const missing = LAB_CSV_COLUMNS.filter((column) => !names.includes(column));
  if (missing.length > 0) {
    throw new MalformedFile(
      `header lacks required column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')} (needs ${LAB_CSV_COLUMNS.join(', ')})`,
    );
  }
  const duplicated = LAB_CSV_COLUMNS.filter((column) => names.indexOf(column) !== names.lastIndexOf(column));
  if (duplicated.length > 0) throw new MalformedFile(`header repeats column ${duplicated.join(', ')}`);
  return Object.fromEntries(LAB_CSV_COLUMNS.map((column) => [column, names.indexOf(column)])) as Record<
    (typeof LAB_CSV_COLUMNS)[number],
    number
  >;
}

/**
 * Streams a stored lab results CSV into staged records, `batchSize` rows per INSERT: memory holds one
 * chunk and one batch, whatever the file size. A row with the wrong number of fields is quarantined;
 * a file that is not CSV at all (no header, unclosed quote, binary) throws `MalformedFile`.
 * Re-running it after a crash stages nothing twice.
 */
export async function parseLabCsv(db: Executor, options: ParseOptions): Promise<IngestCounts> {
  const batchSize = options.batchSize ?? 2_000;
  const source = Readable.from(readIngestFile(db, options.fileId, options.signal));
  const parser = source.pipe(
    parse({
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      max_record_size: MAX_RECORD_CHARS,
    }),
  );
  // pipe() does not forward errors: a failed read must end the parse, not hang it.
  source.once('error', (error) => parser.destroy(error));
  let columns: ReturnType<typeof readHeader> | undefined;
  let width = 0;
  let recordNumber = 0;
  let lines = 0;
  let staged: NewStagedRecord[] = [];
  let quarantined: NewQuarantinedRecord[] = [];
  const flush = async () => {
    if (staged.length === 0) return;
    const records = staged;
    const issues = quarantined;
    staged = [];
    quarantined = [];
    await db.transaction(async (tx) => {
      await insertStagedRecords(tx, options.runId, records);
      await insertQuarantinedRecords(tx, options.runId, 'parsing', issues);
    });
  };
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      lines = info.lines;
      if (!columns) {
        columns = readHeader(record);
        width = record.length;
        continue;
      }
      recordNumber++;
      if (record.length !== width) {
        staged.push({
          recordNumber,
          line: info.lines,
          kind: 'row',
          raw: { fields: record },
          status: 'quarantined',
        });
        quarantined.push({
          recordNumber,
          line: info.lines,
          field: '(row)',
          reason: `expected ${width} fields, found ${record.length}`,
          rawValue: rawText(record.join(',')),
        });
      } else {
        const raw = Object.fromEntries(
          LAB_CSV_COLUMNS.map((c) => [c, record[columns![c]] ?? '']),
        ) as LabCsvRow;
        staged.push({ recordNumber, line: info.lines, kind: 'row', raw, status: 'staged' });
      }
      if (staged.length >= batchSize) {
        options.signal?.throwIfAborted();
        await flush();
      }
    }
  } catch (error) {
    source.destroy();
    parser.destroy();
    if (error instanceof CsvError) throw describeCsvError(error, lines);
    throw error;
  }
  if (!columns) throw new MalformedFile('empty file: no header row');
  await flush();
  return countIngest(db, options.runId);
}
