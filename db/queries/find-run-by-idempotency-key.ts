import { and, eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { runs } from '../schema';
import type { RunRecord } from './run-record';

export async function findRunByIdempotencyKey(
  db: Executor,
  pipelineId: string,
  idempotencyKey: string,
): Promise<RunRecord | undefined> {
  const [row] = await db
    .select()
    .from(runs)
    .where(and(eq(runs.pipelineId, pipelineId), eq(runs.idempotencyKey, idempotencyKey)))
    .limit(1);
  return row as RunRecord | undefined;
}
