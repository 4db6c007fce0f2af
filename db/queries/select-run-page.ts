import { and, asc, desc, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { type RunStatus, runs } from '../schema';
import { type RunFilter, runFilterWhere } from './run-filter-sql';

export const RUN_SORT_COLUMNS = ['createdAt', 'updatedAt', 'pipelineId', 'status', 'state'] as const;
export type RunSortColumn = (typeof RUN_SORT_COLUMNS)[number];

/** A row's position in a sort order: the sort value (for columns other than createdAt), then (createdAt, id). */
export interface RunKey {
  /** The sort column's value as text (timestamps with microseconds); null when sorting by createdAt. */
  value: string | null;
  /** `created_at` with microseconds, as text: a JavaScript Date would lose them and skip rows. */
  createdAt: string;
  id: string;
}

export interface RunPageRequest {
  filter: RunFilter;
  sort: RunSortColumn;
  dir: 'asc' | 'desc';
  /** Rows strictly after (`after`) or strictly before (`before`) this key, in display order. */
  from?: { kind: 'after' | 'before'; key: RunKey };
  limit: number;
}

export interface RunListRow {
  id: string;
  pipelineId: string;
  pipelineVersion: number;
  state: string;
  status: RunStatus;
  version: number;
  idempotencyKey: string | null;
  failedState: string | null;
  errorMessage: string | null;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
  key: RunKey;
}

const micros = (column: SQL | typeof runs.createdAt) =>
  sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const SORT: Record<RunSortColumn, { column: SQL; text: SQL<string> | null; cast: SQL }> = {
  createdAt: { column: sql`${runs.createdAt}`, text: null, cast: sql`` },
  updatedAt: {
    column: sql`${runs.updatedAt}`,
    text: micros(sql`${runs.updatedAt}`),
    cast: sql`::timestamptz`,
  },
  pipelineId: { column: sql`${runs.pipelineId}`, text: sql<string>`${runs.pipelineId}`, cast: sql`::text` },
  status: { column: sql`${runs.status}`, text: sql<string>`${runs.status}`, cast: sql`::text` },
  state: { column: sql`${runs.state}`, text: sql<string>`${runs.state}`, cast: sql`::text` },
};

/**
 * One page of runs in a keyset order: (sort column, created_at, id), all ascending or all descending,
 * so a page is a range scan whatever its depth. `before` pages are read backwards and returned in
 * display order. Returns up to `limit` rows; ask for one more to know whether another page follows.
 */
export async function selectRunPage(db: Executor, request: RunPageRequest): Promise<RunListRow[]> {
  const sort = SORT[request.sort];
  const descending = (request.dir === 'desc') !== (request.from?.kind === 'before');
  const order = [sort.column, sql`${runs.createdAt}`, sql`${runs.id}`];
  const conditions = [runFilterWhere(request.filter)];
  if (request.from) {
    const { key } = request.from;
    const op = descending ? sql`<` : sql`>`;
    conditions.push(
      request.sort === 'createdAt'
        ? sql`(${runs.createdAt}, ${runs.id}) ${op} (${key.createdAt}::timestamptz, ${key.id}::uuid)`
        : sql`(${sort.column}, ${runs.createdAt}, ${runs.id}) ${op} (${key.value}${sort.cast}, ${key.createdAt}::timestamptz, ${key.id}::uuid)`,
    );
  }
  const rows = await db
    .select({
      id: runs.id,
      pipelineId: runs.pipelineId,
      pipelineVersion: runs.pipelineVersion,
      state: runs.state,
      status: runs.status,
      version: runs.version,
      idempotencyKey: runs.idempotencyKey,
      failedState: runs.failedState,
      errorMessage: sql<string | null>`${runs.error}->>'message'`,
      createdAt: runs.createdAt,
      updatedAt: runs.updatedAt,
      finishedAt: runs.finishedAt,
      keyValue: sort.text ?? sql<null>`null`,
      keyCreatedAt: micros(runs.createdAt),
    })
    .from(runs)
    .where(and(...conditions))
    .orderBy(...order.map((column) => (descending ? desc(column) : asc(column))))
    .limit(request.limit);
  const page = rows.map(({ keyValue, keyCreatedAt, ...row }) => ({
    ...row,
    key: { value: keyValue, createdAt: keyCreatedAt, id: row.id },
  }));
  return request.from?.kind === 'before' ? page.reverse() : page;
}
