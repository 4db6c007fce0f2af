import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

/** Pending deliveries of one kind that are due (for a sender other than the queue). */
export async function selectDueDeliveries(db: Executor, kind: string, limit: number): Promise<number[]> {
  const rows = await db.execute<{ id: string | number }>(sql`
    select id from alert_deliveries
    where status = 'pending' and kind = ${kind} and next_attempt_at <= now()
    order by next_attempt_at limit ${limit}`);
  return rows.map((r) => Number(r.id));
}
