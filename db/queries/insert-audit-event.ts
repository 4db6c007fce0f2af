import type { Executor } from '../client';
import { auditEvents } from '../schema';

export interface NewAuditEvent {
  actor: string;
  action: string;
  runId: string | null;
  reason: string | null;
  outcome: 'accepted' | 'refused';
  /** Never payload content: states, event types, versions, error codes. */
  details: Record<string, unknown> | null;
}

export async function insertAuditEvent(db: Executor, event: NewAuditEvent): Promise<void> {
  await db.insert(auditEvents).values(event);
}
