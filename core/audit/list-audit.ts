import type { AuditQuery } from '../../contracts/admin';
import { type AuditEventView, listAuditEvents } from '../../db/queries/list-audit-events';
import { type Actor, authorize } from '../auth/actor';
import { csvPages } from '../csv/csv-rows';
import type { Engine } from '../engine';

/** A page of the audit trail, newest first (admins only); `nextCursor` continues it. */
export async function listAudit(
  engine: Engine,
  by: Actor | null,
  query: AuditQuery,
): Promise<{ events: AuditEventView[]; nextCursor: number | null }> {
  authorize(by, 'admin');
  const events = await listAuditEvents(engine.db, {
    ...query,
    beforeId: query.cursor,
    limit: query.limit + 1,
  });
  const more = events.length > query.limit;
  const page = more ? events.slice(0, query.limit) : events;
  return { events: page, nextCursor: more ? page.at(-1)!.id : null };
}

const COLUMNS = [
  'id',
  'at',
  'actor',
  'actor_role',
  'action',
  'target',
  'outcome',
  'reason',
  'ip',
  'details',
] as const;

/**
 * The filtered audit trail as CSV, page by page (admins only: checked now, before any byte is
 * produced, so the caller can still answer 401/403).
 */
export function exportAuditCsv(engine: Engine, by: Actor | null, query: AuditQuery): AsyncGenerator<string> {
  authorize(by, 'admin');
  return csvPages(COLUMNS, auditEventPages(engine, query), (e) => [
    e.id,
    e.at,
    e.actor,
    e.actorRole,
    e.action,
    e.target,
    e.outcome,
    e.reason,
    e.ip,
    e.details,
  ]);
}

async function* auditEventPages(engine: Engine, query: AuditQuery): AsyncGenerator<AuditEventView[]> {
  let cursor: number | undefined = query.cursor;
  for (;;) {
    const events = await listAuditEvents(engine.db, { ...query, beforeId: cursor, limit: 500 });
    yield events;
    if (events.length < 500) return;
    cursor = events.at(-1)!.id;
  }
}
