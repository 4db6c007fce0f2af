import { z } from 'zod';
import { RunFilterSchema, RunSummarySchema } from './runs';

export const StartRunRequestSchema = z.object({
  pipelineId: z.string().min(1, 'pipelineId is required').max(100),
  input: z.unknown().describe("checked against the pipeline's input schema"),
  idempotencyKey: z.string().min(1).max(200).optional(),
});
export type StartRunRequest = z.infer<typeof StartRunRequestSchema>;

/** Why an operator acts, and (optionally) on which version of the run they were looking at. */
export const OperatorRequestSchema = z.object({
  reason: z.string().trim().max(1000).optional(),
  expectedVersion: z
    .number()
    .int()
    .positive()
    .optional()
    .describe('refused with 409 CONCURRENT_TRANSITION when the run has changed since'),
});
export type OperatorRequestBody = z.infer<typeof OperatorRequestSchema>;

export const SendEventRequestSchema = OperatorRequestSchema.extend({
  type: z.string().trim().min(1, 'type is required').max(100),
  payload: z.record(z.string(), z.unknown()).optional(),
});
export type SendEventRequest = z.infer<typeof SendEventRequestSchema>;

/** A bulk retry touches at most this many runs; more means the filter is too broad to confirm. */
export const MAX_BULK_RETRY = 1_000;

export const RetryFailedRunsRequestSchema = z.object({
  filter: RunFilterSchema.omit({ status: true })
    .default({})
    .describe("the runs list's filters (only failed runs are retried)"),
  expectedCount: z
    .number()
    .int()
    .min(0)
    .max(MAX_BULK_RETRY)
    .describe('how many failed runs the operator confirmed; a different number now means the set changed'),
  reason: OperatorRequestSchema.shape.reason,
});
export type RetryFailedRunsRequest = z.infer<typeof RetryFailedRunsRequestSchema>;

export const RetryFailedRunsResultSchema = z.object({
  matched: z.number().int(),
  retried: z.number().int(),
  refused: z.number().int(),
  refusals: z
    .array(z.object({ runId: z.string(), code: z.string() }))
    .describe('why each refused run was refused (error codes, never payload data)'),
});
export type RetryFailedRunsResult = z.infer<typeof RetryFailedRunsResultSchema>;

/** What run starts and uploads answer: the run, and whether it is new (false: an earlier run). */
export const StartedRunSchema = z.object({ run: RunSummarySchema, created: z.boolean() });
/** What retry, cancel and events answer: the run as the change left it. */
export const ChangedRunSchema = z.object({ run: RunSummarySchema });
