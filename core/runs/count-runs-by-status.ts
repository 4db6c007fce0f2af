import type { RunFilterParams } from '../../contracts/runs';
import { countRunsPerStatus } from '../../db/queries/count-runs-per-status';
import { type Actor, authorize } from '../auth/actor';
import type { Engine } from '../engine';
import { toRunFilter } from './run-filter';
import { type RunStatusCounts, statusCounts } from './run-summary';

export interface RunStatusFacets {
  counts: RunStatusCounts;
  total: number;
}

/**
 * How many runs match the filters, per status, ignoring the status filter itself: the facets of the
 * runs list, and the count a bulk retry of failed runs would touch.
 */
export async function countRunsByStatus(
  engine: Engine,
  params: RunFilterParams,
  reader: Actor,
): Promise<RunStatusFacets> {
  authorize(reader, 'runs:read');
  const rows = await countRunsPerStatus(engine.db, toRunFilter({ ...params, status: undefined }));
  const counts = statusCounts(rows);
  return { counts, total: Object.values(counts).reduce((sum, n) => sum + n, 0) };
}
