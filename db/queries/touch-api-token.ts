import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

/** Records use of a token, at most once a minute (keeps hot tokens from writing on every request). */
export async function touchApiToken(db: Executor, id: string): Promise<void> {
  await db.execute(sql`
    update api_tokens set last_used_at = now()
    where id = ${id} and (last_used_at is null or last_used_at < now() - interval '1 minute')`);
}
