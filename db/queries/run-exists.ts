import { eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { runs } from '../schema';

export async function runExists(db: Executor, id: string): Promise<boolean> {
  const rows = await db.select({ id: runs.id }).from(runs).where(eq(runs.id, id)).limit(1);
  return rows.length > 0;
}
