import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

export interface NewQuarantinedRecord {
  recordNumber: number;
  line: number | null;
  field: string;
  reason: string;
  /** Payload: kept for operators, never logged. */
  rawValue: string | null;
}

/** Records why records were kept out; a (record, field) already recorded for the run is kept as is. */
export async function insertQuarantinedRecords(
  db: Executor,
  runId: string,
  stage: string,
  records: readonly NewQuarantinedRecord[],
): Promise<void> {
  if (records.length === 0) return;
  const rows = records.map((r) => ({
    record_number: r.recordNumber,
    line: r.line,
    field: r.field,
    reason: r.reason,
    raw_value: r.rawValue,
  }));
  await db.execute(sql`
    insert into quarantined_records (run_id, record_number, line, field, reason, raw_value, stage)
    select ${runId}::uuid, q.record_number, q.line, q.field, q.reason, q.raw_value, ${stage}
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as q(record_number int, line int, field text, reason text, raw_value text)
    on conflict (run_id, record_number, field) do nothing`);
}
