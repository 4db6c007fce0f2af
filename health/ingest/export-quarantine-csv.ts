import { type Actor, authorize } from '../../core/auth/actor';
import { csvPages } from '../../core/csv/csv-rows';
import type { Engine } from '../../core/engine';
import { loadRun } from '../../core/runs/find-run';
import {
  listQuarantinedRecords,
  type QuarantinedRecordView,
} from '../../db/queries/list-quarantined-records';

const HEADER = ['record', 'line', 'field', 'reason', 'stage', 'raw_value'];

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
  async function* pages(): AsyncGenerator<QuarantinedRecordView[]> {
    let after: { recordNumber: number; field: string } | undefined;
    for (;;) {
      const page = await listQuarantinedRecords(engine.db, { runId: run.id, limit: pageSize, after });
      if (page.length === 0) return;
      yield page;
      const last = page.at(-1)!;
      after = { recordNumber: last.recordNumber, field: last.field };
    }
  }
  return csvPages(HEADER, pages(), (r) => [r.recordNumber, r.line, r.field, r.reason, r.stage, r.rawValue]);
}
