import { and, eq, isNull, sql } from 'drizzle-orm';
import { apiTokens } from '../auth-schema';
import type { Executor } from '../client';

/** Marks a token revoked; returns its name, or undefined if there is no such live token. */
export async function markApiTokenRevoked(db: Executor, id: string): Promise<string | undefined> {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning({ name: apiTokens.name });
  return row?.name;
}
