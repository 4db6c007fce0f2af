import { insertAuditEvent } from '../../db/queries/insert-audit-event';
import { type Actor, auditIdentity } from '../auth/actor';
import type { Engine } from '../engine';
import type { AppError } from '../errors';

/** Someone not signed in (yet): a sign-in attempt names who it claims to be. */
export interface Claimant {
  kind: 'claimant';
  name: string;
  ip: string | null;
}

export interface AuditEntry {
  by: Actor | Claimant;
  action: string;
  /** e.g. `user:<id>`, `token:<id>`, `session`; a run is given as `runId`. */
  target?: string | null;
  runId?: string | null;
  outcome: 'accepted' | 'refused';
  reason?: string | null;
  /** Never payload content or secrets: ids, roles, states, error codes. */
  details?: Record<string, unknown> | null;
}

/** Appends one row to the audit trail (append-only at the database level). */
export function recordAudit(engine: Engine, entry: AuditEntry): Promise<void> {
  const runId = entry.runId ?? null;
  const who =
    entry.by.kind === 'claimant'
      ? { actor: entry.by.name, actorRole: null, ip: entry.by.ip }
      : auditIdentity(entry.by);
  return insertAuditEvent(engine.db, {
    ...who,
    action: entry.action,
    runId,
    target: entry.target ?? (runId ? `run:${runId}` : null),
    reason: entry.reason ?? null,
    outcome: entry.outcome,
    details: entry.details ?? null,
  });
}

/**
 * The one path for refused actions: the audit row (with the run id when there is one, the error code
 * and what the caller adds — never payload data) and a log line. Returns the error, to be thrown.
 */
export async function auditRefusal<E extends AppError>(
  engine: Engine,
  refusal: Omit<AuditEntry, 'outcome' | 'details' | 'by'> & {
    by: Actor;
    error: E;
    details?: Record<string, unknown>;
  },
): Promise<E> {
  const { error, details, ...entry } = refusal;
  await recordAudit(engine, { ...entry, outcome: 'refused', details: { code: error.code, ...details } });
  engine.logger.info(
    {
      runId: entry.runId ?? undefined,
      action: entry.action,
      actor: auditIdentity(entry.by).actor,
      code: error.code,
    },
    'action refused',
  );
  return error;
}
