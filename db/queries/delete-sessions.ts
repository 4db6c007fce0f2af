import { eq } from 'drizzle-orm';
import { sessions } from '../auth-schema';
import type { Executor } from '../client';

/** Ends sessions: one by id, or all of a user's. Returns how many ended. */
export async function deleteSessions(
  db: Executor,
  by: { sessionId: string } | { userId: string },
): Promise<number> {
  const rows = await db
    .delete(sessions)
    .where('sessionId' in by ? eq(sessions.id, by.sessionId) : eq(sessions.userId, by.userId))
    .returning({ id: sessions.id });
  return rows.length;
}
