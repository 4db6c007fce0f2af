import type { Executor } from '../client';
import { auditEvents } from '../schema';

export interface NewAuditEvent {
  actor: string;
  actorRole?: string | null;
  action: string;
  runId: string | null;
  /** e.g. `run:<id>`, `user:<id>`, `token:<id>`, `session` (defaults to the run). */
  target?: string | null;
  ip?: string | null;
  reason: string | null;
  outcome: 'accepted' | 'refused';
  /** Never payload content: states, event types, versions, error codes. */
  details: Record<string, unknown> | null;
}

export async function insertAuditEvent(db: Executor, event: NewAuditEvent): Promise<void> {
  await db
    .insert(auditEvents)
    .values({ ...event, target: event.target ?? (event.runId ? `run:${event.runId}` : null) });
}
