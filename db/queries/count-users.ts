import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

export async function countUsers(db: Executor): Promise<number> {
  const [row] = await db.execute<{ n: number }>(sql`select count(*)::int as n from users`);
  return row?.n ?? 0;
}
