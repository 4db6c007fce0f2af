import { asc, sql } from 'drizzle-orm';
import { sessions, users } from '../auth-schema';
import type { Executor } from '../client';

export interface UserView {
  id: string;
  email: string;
  name: string;
  role: string;
  banned: boolean;
  createdAt: Date;
  activeSessions: number;
}

export async function selectUsers(db: Executor): Promise<UserView[]> {
  return db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      banned: sql<boolean>`coalesce(${users.banned}, false)`,
      createdAt: users.createdAt,
      activeSessions: sql<number>`(select count(*)::int from ${sessions} where ${sessions.userId} = ${users.id} and ${sessions.expiresAt} > now())`,
    })
    .from(users)
    .orderBy(asc(users.email));
}
