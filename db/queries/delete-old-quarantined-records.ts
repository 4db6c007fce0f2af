import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

/**
 * Deletes up to `batchSize` quarantined records (raw values of rejected health records) created
 * before a time, oldest first; returns how many went. Their runs and counts stay.
 */
export async function deleteOldQuarantinedRecords(
  db: Executor,
  createdBefore: Date,
  batchSize: number,
): Promise<number> {
  const rows = await db.execute(sql`
    delete from quarantined_records where id in (
      select id from quarantined_records where created_at < ${createdBefore.toISOString()}::timestamptz
      order by created_at limit ${batchSize} for update skip locked
    ) returning 1`);
  return rows.length;
}

/** How many quarantined records were created before a time (a dry run). */
export async function countOldQuarantinedRecords(db: Executor, createdBefore: Date): Promise<number> {
  const [row] = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from quarantined_records where created_at < ${createdBefore.toISOString()}::timestamptz`,
  );
  return row!.n;
}
