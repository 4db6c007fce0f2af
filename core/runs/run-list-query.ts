import { z } from 'zod';
import type { RUN_SORT_COLUMNS } from '../../db/queries/select-run-page';
import { parseInput } from '../parse-input';
import { flattenParams, type QueryInput, RunFilterSchema } from './run-filter';

export const MAX_RUNS_PAGE = 200;
export const DEFAULT_RUNS_PAGE = 50;

/** Sort names in URLs: short, stable words rather than column names. */
export const RUN_SORTS = {
  created: 'createdAt',
  updated: 'updatedAt',
  pipeline: 'pipelineId',
  status: 'status',
  state: 'state',
} as const satisfies Record<string, (typeof RUN_SORT_COLUMNS)[number]>;
export type RunSort = keyof typeof RUN_SORTS;

/** `GET /api/runs` and the runs page: filters, keyset cursor, page size, sort. */
export const RunListQuerySchema = RunFilterSchema.extend({
  cursor: z.string().max(1000).optional(),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_RUNS_PAGE, `limit must be at most ${MAX_RUNS_PAGE}`)
    .default(DEFAULT_RUNS_PAGE),
  sort: z.enum(Object.keys(RUN_SORTS) as [RunSort, ...RunSort[]]).default('created'),
  dir: z.enum(['asc', 'desc']).default('desc'),
});
export type RunListQuery = z.infer<typeof RunListQuerySchema>;

/** Parses URL query parameters, or throws `VALIDATION_FAILED` (400) with the field errors. */
export function parseRunListQuery(input: QueryInput): RunListQuery {
  return parseInput(RunListQuerySchema, flattenParams(input), 'runs query');
}
