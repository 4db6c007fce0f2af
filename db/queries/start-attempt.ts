import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { stepAttempts } from '../schema';

export interface AttemptStart {
  runId: string;
  state: string;
  step: string;
  attempt: number;
  runVersion: number;
  workerId: string;
  idempotencyKey: string;
}

/**
 * Records that an attempt is starting. A job that runs again after a crash reuses the row of the
 * attempt it was interrupted in.
 */
export async function startAttempt(db: Executor, start: AttemptStart): Promise<number> {
  const [row] = await db
    .insert(stepAttempts)
    .values({ ...start, outcome: 'running' })
    .onConflictDoUpdate({
      target: [stepAttempts.runId, stepAttempts.state, stepAttempts.attempt],
      set: {
        outcome: 'running',
        workerId: start.workerId,
        runVersion: start.runVersion,
        startedAt: sql`now()`,
        endedAt: null,
        error: null,
      },
    })
    .returning({ id: stepAttempts.id });
  return row!.id;
}
