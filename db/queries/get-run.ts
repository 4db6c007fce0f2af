import { eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { runs } from '../schema';
import type { RunRecord } from './run-record';

export async function getRun(db: Executor, id: string): Promise<RunRecord | undefined> {
  const [row] = await db.select().from(runs).where(eq(runs.id, id)).limit(1);
  return row;
}
