import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { bulkActions, runs } from '../schema';
import { jsonb } from './json-param';
import { failedRunsWhere } from './list-failed-runs';
import type { RunFilter } from './run-filter-sql';

export type BulkActionRow = typeof bulkActions.$inferSelect;

export interface NewBulkAction {
  id: string;
  kind: BulkActionRow['kind'];
  filter: Record<string, string>;
  reason: string | null;
  actor: string;
  actorRole: string | null;
  ip: string | null;
  matched: number;
  /** The graphile-worker task that does it (its payload: `{ id }`). */
  task: string;
}

/**
 * Records a bulk action, its audit row and the job that does it, in one statement: the action
 * exists exactly when a worker will do it.
 */
export async function insertBulkAction(db: Executor, a: NewBulkAction): Promise<void> {
  await db.execute(sql`
    with ins as (
      insert into bulk_actions (id, kind, filter, reason, actor, actor_role, matched)
      values (${a.id}::uuid, ${a.kind}, ${jsonb(a.filter)}, ${a.reason}, ${a.actor}, ${a.actorRole}, ${a.matched})
      returning id),
    aud as (
      insert into audit_events (actor, actor_role, action, target, reason, outcome, ip, details)
      select ${a.actor}, ${a.actorRole}, ${`runs.bulk-${a.kind}`}, ${`bulk-action:${a.id}`}, ${a.reason},
        'accepted', ${a.ip}, ${jsonb({ filter: a.filter, matched: a.matched })} from ins)
    -- Ahead of step jobs (priority 0), or it would wait for a deep queue of runs to drain first.
    select graphile_worker.add_job(${a.task}, json_build_object('id', id), max_attempts => 25, priority => -2)
    from ins`);
}

export async function getBulkAction(db: Executor, id: string): Promise<BulkActionRow | undefined> {
  const [row] = await db.select().from(bulkActions).where(eq(bulkActions.id, id)).limit(1);
  return row;
}

/** Adds a batch's outcome to the action's progress; `finish` ends it (succeeded, or failed with `error`). */
export async function recordBulkProgress(
  db: Executor,
  id: string,
  progress: {
    done: number;
    refused: number;
    position?: RunPosition;
    finish?: { status: 'succeeded' | 'failed'; error?: string };
  },
): Promise<void> {
  await db
    .update(bulkActions)
    .set({
      done: sql`${bulkActions.done} + ${progress.done}`,
      refused: sql`${bulkActions.refused} + ${progress.refused}`,
      updatedAt: sql`now()`,
      ...(progress.position && { position: progress.position }),
      ...(progress.finish && {
        status: progress.finish.status,
        error: progress.finish.error ?? null,
        finishedAt: sql`now()`,
      }),
    })
    .where(eq(bulkActions.id, id));
}

/**
 * Where a walk over runs in creation order stands: the last run it saw. `createdAt` is PostgreSQL's
 * own text of the timestamp (microseconds: a JavaScript Date would round them away, and the runs of
 * one bulk start share one).
 */
export interface RunPosition {
  createdAt: string;
  id: string;
}

/**
 * The next failed runs matching the filter, oldest first, after `after` (keyset on the
 * `(status, created_at, id)` index): ids and versions only, so memory stays bounded by `limit`.
 */
export async function listFailedRunsAfter(
  db: Executor,
  filter: RunFilter,
  after: RunPosition | undefined,
  limit: number,
): Promise<{ id: string; version: number; createdAt: string }[]> {
  const keyset = after
    ? sql`(${runs.createdAt}, ${runs.id}) > (${after.createdAt}::timestamptz, ${after.id}::uuid)`
    : undefined;
  return db
    .select({ id: runs.id, version: runs.version, createdAt: sql<string>`${runs.createdAt}::text` })
    .from(runs)
    .where(and(failedRunsWhere(filter), keyset))
    .orderBy(asc(runs.createdAt), asc(runs.id))
    .limit(limit);
}

/** Failed runs matching the filter, counted exactly up to `cap` (then `cap + 1`: more than that). */
export async function countFailedRuns(db: Executor, filter: RunFilter, cap: number): Promise<number> {
  const where = failedRunsWhere(filter);
  const [row] = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from (select 1 from ${runs} where ${where ?? sql`true`} limit ${cap + 1}) c`);
  return row?.n ?? 0;
}
