import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

/** How many records of a run are quarantined, and how many (record, field) issues they have. */
export async function countQuarantinedRecords(
  db: Executor,
  runId: string,
): Promise<{ records: number; issues: number }> {
  const [row] = await db.execute<{ records: number; issues: number }>(sql`
    select count(distinct record_number)::int as records, count(*)::int as issues
    from quarantined_records
    where run_id = ${runId}`);
  return { records: row?.records ?? 0, issues: row?.issues ?? 0 };
}
