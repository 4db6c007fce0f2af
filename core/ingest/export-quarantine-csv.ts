import { listQuarantinedRecords } from '../../db/queries/list-quarantined-records';
import type { Actor } from '../auth/actor';
import { authorize } from '../auth/actor';
import type { Engine } from '../engine';
import { loadRun } from '../runs/find-run';

const HEADER = ['record', 'line', 'field', 'reason', 'stage', 'raw_value'];

/**
 * A spreadsheet opens `=1+1` as a formula: text cells starting with = + - @ or a control character
 * get a leading apostrophe (numbers such as -4.5 are left alone).
 */
function neutralize(text: string): string {
  if (/^[=+\-@\t\r]/.test(text) && !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return `'${text}`;
  return text;
}

export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value) : neutralize(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The run's quarantined records as CSV text, yielded a page at a time (keyset paging), so a route
 * handler can stream an export of any size: `new Response(ReadableStream.from(...))`.
 * Checks the reader may see raw values (403) and the run exists (404) before the first chunk.
 */
export async function exportQuarantineCsv(
  engine: Engine,
  runId: string,
  reader: Actor,
  options: { pageSize?: number } = {},
): Promise<AsyncGenerator<string>> {
  authorize(reader, 'payload:read');
  const run = await loadRun(engine, runId);
  const pageSize = options.pageSize ?? 1_000;
  return (async function* () {
    yield `${HEADER.join(',')}\r\n`;
    let after: { recordNumber: number; field: string } | undefined;
    for (;;) {
      const page = await listQuarantinedRecords(engine.db, { runId: run.id, limit: pageSize, after });
      if (page.length === 0) return;
      yield page
        .map(
          (r) =>
            `${[r.recordNumber, r.line, r.field, r.reason, r.stage, r.rawValue].map((v) => csvField(v)).join(',')}\r\n`,
        )
        .join('');
      const last = page.at(-1)!;
      after = { recordNumber: last.recordNumber, field: last.field };
    }
  })();
}
