import { z } from 'zod';
import { RetryFailedRunsRequestSchema } from './run-requests';

/** A background bulk retry takes up to this many failed runs (a request retries up to `MAX_BULK_RETRY`). */
export const MAX_BACKGROUND_RETRY = 100_000;

export const BackgroundRetryRequestSchema = RetryFailedRunsRequestSchema.extend({
  expectedCount: z
    .number()
    .int()
    .min(0)
    .max(MAX_BACKGROUND_RETRY)
    .describe('how many failed runs the operator confirmed; a different number now means the set changed'),
  preview: z
    .boolean()
    .optional()
    .describe('only count the failed runs that match (exactly, up to the maximum): nothing is retried'),
});
export type BackgroundRetryRequest = z.infer<typeof BackgroundRetryRequestSchema>;

export const BulkActionSchema = z.object({
  id: z.string(),
  kind: z.enum(['retry-failed']),
  status: z.enum(['running', 'succeeded', 'failed']),
  filter: z.record(z.string(), z.string()),
  actor: z.string(),
  matched: z.number().int(),
  done: z.number().int().describe('runs retried so far'),
  refused: z
    .number()
    .int()
    .describe('runs that could not be retried (changed meanwhile, or no longer allowed)'),
  error: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type BulkAction = z.infer<typeof BulkActionSchema>;

export const BackgroundRetryResultSchema = z.object({
  matched: z.number().int(),
  /** The action doing it (absent for a preview). */
  bulkAction: BulkActionSchema.optional(),
});
export type BackgroundRetryResult = z.infer<typeof BackgroundRetryResultSchema>;
