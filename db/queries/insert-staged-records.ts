import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import type { StagedKind, StagedStatus } from '../schema';

export interface NewStagedRecord {
  recordNumber: number;
  line: number | null;
  kind: StagedKind;
  raw: unknown;
  status: Extract<StagedStatus, 'staged' | 'quarantined'>;
}

/**
 * Stages a batch of records in one statement. A record already staged for the run is left alone,
 * so parsing the same file again (a retried step) writes nothing twice.
 */
export async function insertStagedRecords(
  db: Executor,
  runId: string,
  records: readonly NewStagedRecord[],
): Promise<void> {
  if (records.length === 0) return;
  const rows = records.map((r) => ({
    record_number: r.recordNumber,
    line: r.line,
    kind: r.kind,
    raw: r.raw,
    status: r.status,
  }));
  await db.execute(sql`
    insert into ingest_records (run_id, record_number, line, kind, raw, status)
    select ${runId}::uuid, r.record_number, r.line, r.kind, r.raw, r.status
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as r(record_number int, line int, kind text, raw jsonb, status text)
    on conflict (run_id, record_number) do nothing`);
}
