import type { Executor } from '../client';
import { transitions } from '../schema';

export interface NewTransition {
  runId: string;
  runVersion: number;
  fromState: string | null;
  event: string;
  toState: string;
  actor: string;
  durationMs: number | null;
}

export async function insertTransition(db: Executor, transition: NewTransition): Promise<void> {
  await db.insert(transitions).values(transition);
}
