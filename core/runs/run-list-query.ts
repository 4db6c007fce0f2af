import { type RunListQuery, RunListQuerySchema, type RunSort } from '../../contracts/runs';
import type { RUN_SORT_COLUMNS } from '../../db/queries/select-run-page';
import { parseInput } from '../parse-input';
import { flattenParams, type QueryInput } from './run-filter';

/** The column behind each sort name of the URLs. */
export const RUN_SORTS = {
  created: 'createdAt',
  updated: 'updatedAt',
  pipeline: 'pipelineId',
  status: 'status',
  state: 'state',
} as const satisfies Record<RunSort, (typeof RUN_SORT_COLUMNS)[number]>;

/** Parses URL query parameters, or throws `VALIDATION_FAILED` (400) with the field errors. */
export function parseRunListQuery(input: QueryInput): RunListQuery {
  return parseInput(RunListQuerySchema, flattenParams(input), 'runs query');
}
