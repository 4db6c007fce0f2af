import { apiTokens, type Role } from '../auth-schema';
import type { Executor } from '../client';

export interface NewApiToken {
  id: string;
  name: string;
  role: Role;
  tokenHash: string;
  prefix: string;
  createdBy: string;
}

export async function insertApiToken(db: Executor, token: NewApiToken): Promise<Date> {
  const [row] = await db.insert(apiTokens).values(token).returning({ createdAt: apiTokens.createdAt });
  return row!.createdAt;
}
