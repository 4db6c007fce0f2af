import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { type AttemptLogLine, type AttemptOutcome, stepAttempts } from '../schema';

export interface AttemptView {
  id: number;
  state: string;
  step: string;
  attempt: number;
  workerId: string | null;
  idempotencyKey: string;
  startedAt: Date;
  endedAt: Date | null;
  outcome: AttemptOutcome;
  error: unknown;
  logs: AttemptLogLine[];
}

export async function listAttempts(db: Executor, runId: string): Promise<AttemptView[]> {
  return db
    .select({
      id: stepAttempts.id,
      state: stepAttempts.state,
      step: stepAttempts.step,
      attempt: stepAttempts.attempt,
      workerId: stepAttempts.workerId,
      idempotencyKey: stepAttempts.idempotencyKey,
      startedAt: stepAttempts.startedAt,
      endedAt: stepAttempts.endedAt,
      outcome: stepAttempts.outcome,
      error: stepAttempts.error,
      logs: stepAttempts.logs,
    })
    .from(stepAttempts)
    .where(eq(stepAttempts.runId, runId))
    .orderBy(asc(stepAttempts.id));
}
