import { listAttempts } from '../../db/queries/list-attempts';
import { listTransitions } from '../../db/queries/list-transitions';
import type { AttemptLogLine, AttemptOutcome } from '../../db/schema';
import { type Actor, authorize } from '../auth/actor';
import { maySeePayload } from '../auth/may-see-payload';
import type { Engine } from '../engine';
import { findRun, runNotFound } from './find-run';

export interface TransitionEntry {
  id: number;
  runVersion: number;
  fromState: string | null;
  event: string;
  toState: string;
  actor: string;
  at: string;
  /** Time spent in `fromState` before this transition. */
  durationMs: number | null;
}

export interface AttemptEntry {
  id: number;
  state: string;
  step: string;
  attempt: number;
  workerId: string | null;
  idempotencyKey: string;
  startedAt: string;
  endedAt: string | null;
  outcome: AttemptOutcome;
  error: { name?: string; message?: string; stack?: string } | null;
  logs: AttemptLogLine[];
  /** The reader's role may not see payloads: no log lines, and the error keeps only its name. */
  payloadHidden: boolean;
}

async function assertRunExists(engine: Engine, runId: string): Promise<void> {
  const exists = (await findRun(engine, runId)) !== undefined;
  if (!exists) throw runNotFound(runId);
}

/** A run's transitions, oldest first; `RUN_NOT_FOUND` (404) for an unknown run. */
export async function getRunTransitions(
  engine: Engine,
  runId: string,
  reader: Actor,
): Promise<TransitionEntry[]> {
  authorize(reader, 'runs:read');
  await assertRunExists(engine, runId);
  const rows = await listTransitions(engine.db, runId);
  return rows.map((row) => ({ ...row, at: row.at.toISOString() }));
}

/**
 * A run's step attempts with their errors and stored log lines, oldest first. Log lines and error
 * messages may quote payloads: a reader without `payload:read` gets neither.
 */
export async function getRunAttempts(engine: Engine, runId: string, reader: Actor): Promise<AttemptEntry[]> {
  authorize(reader, 'runs:read');
  await assertRunExists(engine, runId);
  const hidden = !maySeePayload(reader);
  const rows = await listAttempts(engine.db, runId);
  return rows.map((row) => ({
    ...row,
    error: hidden ? hiddenError(row.error) : ((row.error as AttemptEntry['error']) ?? null),
    logs: hidden ? [] : row.logs,
    payloadHidden: hidden,
    startedAt: row.startedAt.toISOString(),
    endedAt: row.endedAt?.toISOString() ?? null,
  }));
}

function hiddenError(error: unknown): AttemptEntry['error'] {
  if (!error) return null;
  const name = (error as { name?: unknown }).name;
  return typeof name === 'string' ? { name } : {};
}
