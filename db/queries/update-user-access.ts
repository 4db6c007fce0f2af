import { eq, sql } from 'drizzle-orm';
import { users } from '../auth-schema';
import type { Executor } from '../client';

/** Changes a user's role and/or disables them; returns the email, or undefined if there is no such user. */
export async function updateUserAccess(
  db: Executor,
  id: string,
  change: { role?: string; banned?: boolean },
): Promise<string | undefined> {
  const [row] = await db
    .update(users)
    .set({ ...change, updatedAt: sql`now()` })
    .where(eq(users.id, id))
    .returning({ email: users.email });
  return row?.email;
}
