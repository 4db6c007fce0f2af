import { eq } from 'drizzle-orm';
import { apiTokens, type Role } from '../auth-schema';
import type { Executor } from '../client';

export interface ApiTokenRecord {
  id: string;
  name: string;
  role: Role;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

export async function findApiTokenByHash(
  db: Executor,
  tokenHash: string,
): Promise<ApiTokenRecord | undefined> {
  const [row] = await db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      role: apiTokens.role,
      revokedAt: apiTokens.revokedAt,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.tokenHash, tokenHash))
    .limit(1);
  return row;
}
