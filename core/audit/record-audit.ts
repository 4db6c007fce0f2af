import { insertAuditEvent } from '../../db/queries/insert-audit-event';
import type { Engine } from '../engine';
import { type Actor, actorFields } from './actor';

export interface AuditEntry {
  by: Actor;
  action: string;
  target: string | null;
  outcome: 'accepted' | 'refused';
  reason?: string | null;
  /** Never payload content or secrets: ids, roles, error codes. */
  details?: Record<string, unknown> | null;
}

/** Appends one row to the audit trail (append-only at the database level). */
export function recordAudit(engine: Engine, entry: AuditEntry): Promise<void> {
  return insertAuditEvent(engine.db, {
    ...actorFields(entry.by),
    action: entry.action,
    runId: null,
    target: entry.target,
    reason: entry.reason ?? null,
    outcome: entry.outcome,
    details: entry.details ?? null,
  });
}
