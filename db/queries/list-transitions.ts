import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { transitions } from '../schema';

export interface TransitionView {
  id: number;
  runVersion: number;
  fromState: string | null;
  event: string;
  toState: string;
  actor: string;
  at: Date;
  durationMs: number | null;
}

export async function listTransitions(db: Executor, runId: string): Promise<TransitionView[]> {
  return db
    .select({
      id: transitions.id,
      runVersion: transitions.runVersion,
      fromState: transitions.fromState,
      event: transitions.event,
      toState: transitions.toState,
      actor: transitions.actor,
      at: transitions.at,
      durationMs: transitions.durationMs,
    })
    .from(transitions)
    .where(eq(transitions.runId, runId))
    .orderBy(asc(transitions.id));
}
