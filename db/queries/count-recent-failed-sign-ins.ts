import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

/** Failed sign-ins for this email or from this address in the last `minutes`, from the audit trail. */
export async function countRecentFailedSignIns(
  db: Executor,
  who: { email: string; ip: string | null },
  minutes: number,
): Promise<number> {
  const [row] = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from audit_events
    where action = 'auth.sign-in' and outcome = 'refused'
      and at > now() - make_interval(mins => ${minutes})
      and (actor = ${who.email} or (${who.ip}::text is not null and ip = ${who.ip}))`);
  return row?.n ?? 0;
}
