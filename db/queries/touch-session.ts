import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

/** Marks a session as used now (at most once a minute): the idle timeout counts from `updated_at`. */
export async function touchSession(db: Executor, id: string): Promise<void> {
  await db.execute(sql`
    update sessions set updated_at = now()
    where id = ${id} and updated_at < now() - interval '1 minute'`);
}
