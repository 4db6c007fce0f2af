import { z } from 'zod';
import { RUN_STATUSES, RunQueueSchema, RunStatusSchema } from './run-page';

const isoTime = z.iso.datetime({ offset: true });

/** A run as lists and action answers show it; plain JSON (ISO times). */
export const RunSummarySchema = z.object({
  id: z.string(),
  pipelineId: z.string(),
  pipelineVersion: z.number().int(),
  state: z.string(),
  status: RunStatusSchema,
  version: z.number().int(),
  idempotencyKey: z.string().nullable(),
  failedState: z.string().nullable(),
  errorMessage: z
    .string()
    .nullable()
    .describe("the run error's message; null for readers who may not see payloads"),
  createdAt: isoTime,
  updatedAt: isoTime,
  finishedAt: isoTime.nullable(),
  queue: RunQueueSchema.nullable()
    .optional()
    .describe('set for queued runs in lists: where the run stands and why it waits'),
});
export type RunSummary = z.infer<typeof RunSummarySchema>;

/** Every status with its count (zero when there are none). */
export const RunStatusCountsSchema = z.object({
  queued: z.number().int(),
  running: z.number().int(),
  waiting: z.number().int(),
  succeeded: z.number().int(),
  failed: z.number().int(),
  cancelled: z.number().int(),
});
export type RunStatusCounts = z.infer<typeof RunStatusCountsSchema>;

/** `2026-11-24T10:00:00Z`, `2026-11-24T10:00:00+01:00` or `2026-11-24` (midnight UTC). */
const Instant = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()], {
    error: 'expected an ISO date-time with a time zone (2026-11-24T10:00:00Z) or a date (2026-11-24)',
  })
  .transform((text) => new Date(text));

/** `failed,running` or repeated parameters (joined with ','). */
const StatusList = z
  .string()
  .transform((text) => [
    ...new Set(
      text
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    ),
  ])
  .pipe(z.array(z.enum(RUN_STATUSES, { error: `status must be among ${RUN_STATUSES.join(', ')}` })));

/** The filters of the runs list, as URL query parameters (shareable links) and request bodies. */
export const RunFilterSchema = z.object({
  pipeline: z.string().trim().min(1).max(100).optional(),
  status: StatusList.optional().describe(`comma-separated among ${RUN_STATUSES.join(', ')}`),
  state: z.string().trim().min(1).max(300).optional(),
  createdAfter: Instant.optional(),
  createdBefore: Instant.optional(),
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe('a run id (or its first characters) or an idempotency key (or its beginning)'),
});
export type RunFilterParams = z.infer<typeof RunFilterSchema>;

export const MAX_RUNS_PAGE = 200;
export const DEFAULT_RUNS_PAGE = 50;
/** Sort names in URLs: short, stable words rather than column names. */
export const RUN_SORT_NAMES = ['created', 'updated', 'pipeline', 'status', 'state'] as const;
export type RunSort = (typeof RUN_SORT_NAMES)[number];

/** `GET /api/runs` and the runs page: filters, keyset cursor, page size, sort. */
export const RunListQuerySchema = RunFilterSchema.extend({
  cursor: z.string().max(1000).optional(),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_RUNS_PAGE, `limit must be at most ${MAX_RUNS_PAGE}`)
    .default(DEFAULT_RUNS_PAGE),
  sort: z.enum(RUN_SORT_NAMES).default('created'),
  dir: z.enum(['asc', 'desc']).default('desc'),
});
export type RunListQuery = z.infer<typeof RunListQuerySchema>;

export const RunListPageSchema = z.object({
  runs: z.array(RunSummarySchema),
  nextCursor: z.string().nullable().describe('cursor of the page after this one, null on the last page'),
  prevCursor: z.string().nullable().describe('cursor of the page before this one, null on the first page'),
});
export type RunListPage = z.infer<typeof RunListPageSchema>;

/**
 * Counts over a large table stop at this many rows: a count is exact up to it, and a capped one is
 * shown as "10,000+". Counting every run of a million-run table would take longer than the page.
 */
export const COUNT_CAP = 10_000;

/**
 * The cap of the summaries that count many cells at once (the pipelines list: every pipeline ×
 * status; the overview's active runs): `1,000+` there, the exact figure up to 10,000 one click away.
 */
export const SUMMARY_COUNT_CAP = 1_000;

export const CappedStatusesSchema = z
  .array(RunStatusSchema)
  .describe(`statuses whose count stopped at ${COUNT_CAP} (there are more)`);

export const RunStatusFacetsSchema = z.object({
  counts: RunStatusCountsSchema,
  total: z.number().int(),
  capped: CappedStatusesSchema,
});
export type RunStatusFacets = z.infer<typeof RunStatusFacetsSchema>;
