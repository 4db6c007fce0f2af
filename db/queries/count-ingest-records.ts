import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import type { StagedDisposition, StagedKind, StagedStatus } from '../schema';

export type IngestRecordCount = {
  kind: StagedKind;
  status: StagedStatus;
  disposition: StagedDisposition | null;
  count: number;
};

/** A run's staged records counted by kind, status and disposition. */
export async function countIngestRecords(db: Executor, runId: string): Promise<IngestRecordCount[]> {
  const rows = await db.execute<IngestRecordCount>(sql`
    select kind, status, disposition, count(*)::int as count
    from ingest_records
    where run_id = ${runId}
    group by kind, status, disposition`);
  return [...rows];
}
