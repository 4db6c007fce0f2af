import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

/** Deletes finished deliveries older than `days` (the log keeps a month). Answers how many. */
export async function deleteOldDeliveries(db: Executor, days: number): Promise<number> {
  const rows = await db.execute(sql`
    delete from alert_deliveries
    where status <> 'pending' and created_at < now() - make_interval(days => ${days})
    returning id`);
  return rows.length;
}
