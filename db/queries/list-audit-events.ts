import { and, desc, eq, gte, ilike, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { auditEvents, runs } from '../schema';

export interface AuditFilter {
  actor?: string;
  action?: string;
  outcome?: 'accepted' | 'refused';
  /** Matches the target (`run:…`, `user:…`, `token:…`). */
  target?: string;
  after?: Date;
  before?: Date;
  /** Keyset: rows older than this id. */
  beforeId?: number;
  limit: number;
}

export interface AuditEventView {
  id: number;
  at: Date;
  actor: string;
  actorRole: string | null;
  action: string;
  target: string | null;
  reason: string | null;
  outcome: 'accepted' | 'refused';
  ip: string | null;
  details: unknown;
  /** The event is about a run that no longer exists (pruned): the trail outlives it. */
  runPruned: boolean;
}

/** Audit rows newest first, filtered, keyset-paged by id. */
export async function listAuditEvents(db: Executor, filter: AuditFilter): Promise<AuditEventView[]> {
  const where: (SQL | undefined)[] = [
    filter.actor ? ilike(auditEvents.actor, `%${filter.actor.replace(/[%_\\]/g, '\\$&')}%`) : undefined,
    filter.action
      ? or(eq(auditEvents.action, filter.action), sql`${auditEvents.action} like ${`${filter.action}.%`}`)
      : undefined,
    filter.outcome ? eq(auditEvents.outcome, filter.outcome) : undefined,
    filter.target
      ? sql`${auditEvents.target} like ${`${filter.target.replace(/[%_\\]/g, '\\$&')}%`}`
      : undefined,
    filter.after ? gte(auditEvents.at, filter.after) : undefined,
    filter.before ? lte(auditEvents.at, filter.before) : undefined,
    filter.beforeId ? lt(auditEvents.id, filter.beforeId) : undefined,
  ];
  return db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      actor: auditEvents.actor,
      actorRole: auditEvents.actorRole,
      action: auditEvents.action,
      target: auditEvents.target,
      reason: auditEvents.reason,
      outcome: auditEvents.outcome,
      ip: auditEvents.ip,
      details: auditEvents.details,
      runPruned: sql<boolean>`(${auditEvents.runId} is not null and ${runs.id} is null)`,
    })
    .from(auditEvents)
    .leftJoin(runs, eq(runs.id, auditEvents.runId))
    .where(and(...where))
    .orderBy(desc(auditEvents.id))
    .limit(filter.limit);
}
