import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { type AttemptLogLine, type AttemptOutcome, stepAttempts } from '../schema';

export interface AttemptEnd {
  outcome: Exclude<AttemptOutcome, 'running'>;
  error: unknown;
  logs: AttemptLogLine[];
}

/**
 * Closes an attempt that is still running. Returns false when it was closed already (a duplicate
 * execution of the same job): the caller must then not apply its outcome.
 */
export async function finishAttempt(db: Executor, id: number, end: AttemptEnd): Promise<boolean> {
  const rows = await db
    .update(stepAttempts)
    .set({
      outcome: end.outcome,
      error: end.error ?? null,
      logs: sql`${stepAttempts.logs} || ${JSON.stringify(end.logs)}::jsonb`,
      endedAt: sql`now()`,
    })
    .where(and(eq(stepAttempts.id, id), eq(stepAttempts.outcome, 'running')))
    .returning({ id: stepAttempts.id });
  return rows.length > 0;
}
