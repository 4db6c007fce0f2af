import { COUNT_CAP, type RunFilterParams } from '../../contracts/runs';
import { countRunsPerStatus } from '../../db/queries/count-runs-per-status';
import type { RunStatus } from '../../db/schema';
import { type Actor, authorize } from '../auth/actor';
import type { Engine } from '../engine';
import { toRunFilter } from './run-filter';
import { cappedStatusCounts, type RunStatusCounts } from './run-summary';

export interface RunStatusFacets {
  counts: RunStatusCounts;
  total: number;
  /** Statuses whose count stopped at `COUNT_CAP`: there are more (the total is then a lower bound). */
  capped: RunStatus[];
}

/**
 * How many runs match the filters, per status, ignoring the status filter itself: the facets of the
 * runs list, and the count a bulk retry of failed runs would touch. Exact up to `COUNT_CAP` per
 * status, capped above it, so the cost does not grow with the table.
 */
export async function countRunsByStatus(
  engine: Engine,
  params: RunFilterParams,
  reader: Actor,
): Promise<RunStatusFacets> {
  authorize(reader, 'runs:read');
  const filter = toRunFilter({ ...params, status: undefined }, engine.registry);
  const rows = await countRunsPerStatus(engine.db, filter, COUNT_CAP);
  const { counts, capped } = cappedStatusCounts(rows, COUNT_CAP);
  return { counts, capped, total: Object.values(counts).reduce((sum, n) => sum + n, 0) };
}
