import { eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { runs } from '../schema';

/** Whether the run exists, or (without an id) whether any run does. */
export async function runExists(db: Executor, id?: string): Promise<boolean> {
  const query = db.select({ id: runs.id }).from(runs);
  const rows = await (id === undefined ? query : query.where(eq(runs.id, id))).limit(1);
  return rows.length > 0;
}
