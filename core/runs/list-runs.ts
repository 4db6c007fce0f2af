import type { RunListQuery } from '../../contracts/runs';
import { type RunListRow, selectRunPage } from '../../db/queries/select-run-page';
import { type Actor, authorize } from '../auth/actor';
import { maySeePayload } from '../auth/may-see-payload';
import { withQueuePositions } from '../controls/queue-positions';
import type { Engine } from '../engine';
import { decodeRunCursor, encodeRunCursor, type RunCursor } from './run-cursor';
import { toRunFilter } from './run-filter';
import { RUN_SORTS } from './run-list-query';
import { type RunSummary, toRunSummary } from './run-summary';

export interface RunListPage {
  runs: RunSummary[];
  /** Cursor of the page after this one, null on the last page. */
  nextCursor: string | null;
  /** Cursor of the page before this one, null on the first page. */
  prevCursor: string | null;
}

/**
 * One page of runs matching the filters (error messages only for readers who may see payloads), by
 * keyset pagination on (sort column, created_at, id): stable
 * while runs are added, and as fast on page 1,000 as on page 1.
 */
export async function listRuns(engine: Engine, reader: Actor, query: RunListQuery): Promise<RunListPage> {
  authorize(reader, 'runs:read');
  const sort = RUN_SORTS[query.sort];
  const from = query.cursor ? decodeRunCursor(query.cursor, { sort, dir: query.dir }) : undefined;
  const rows = await selectRunPage(engine.db, {
    filter: toRunFilter(query, engine.registry),
    sort,
    dir: query.dir,
    from: from && { kind: from.kind, key: from.key },
    limit: query.limit + 1,
  });
  const backwards = from?.kind === 'before';
  const more = rows.length > query.limit;
  // Reading backwards, the extra row is the first one (rows come back in display order).
  const page = more ? (backwards ? rows.slice(1) : rows.slice(0, query.limit)) : rows;
  const cursor = (kind: RunCursor['kind'], row: RunListRow | undefined) =>
    row ? encodeRunCursor({ sort, dir: query.dir, kind, key: row.key }) : null;

  let nextCursor: string | null;
  let prevCursor: string | null;
  if (page.length === 0 && from) {
    // Nothing on this side of the cursor (runs were deleted, or the filter changed): offer the way back.
    nextCursor = null;
    prevCursor = backwards ? null : encodeRunCursor({ ...from, kind: 'before' });
  } else if (backwards) {
    nextCursor = cursor('after', page.at(-1));
    prevCursor = more ? cursor('before', page[0]) : null;
  } else {
    nextCursor = more ? cursor('after', page.at(-1)) : null;
    prevCursor = from ? cursor('before', page[0]) : null;
  }
  const showPayload = maySeePayload(reader);
  const runs = await withQueuePositions(
    engine,
    page.map((row) => toRunSummary(row, showPayload)),
    showPayload,
  );
  return { runs, nextCursor, prevCursor };
}
