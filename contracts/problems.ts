import { z } from 'zod';
import { defineRoute } from './api-route';
import { RetryFailedRunsResultSchema } from './run-requests';
import { RunSummarySchema } from './runs';

const isoTime = z.iso.datetime({ offset: true });

export const PROBLEM_STATUSES = ['new', 'acknowledged', 'resolved', 'ignored'] as const;
export const ProblemStatusSchema = z.enum(PROBLEM_STATUSES);
export type ProblemStatus = z.infer<typeof ProblemStatusSchema>;

/** Hours the sparkline covers, one bucket each (oldest first). */
export const SPARKLINE_HOURS = 24;

/** Failed runs of one pipeline that failed in the same state with the same error signature. */
export const ProblemSummarySchema = z.object({
  id: z.number().int(),
  pipelineId: z.string(),
  pipelineTitle: z.string(),
  failedState: z.string(),
  errorName: z.string(),
  signature: z
    .string()
    .nullable()
    .describe('error name + message with numbers, ids and quoted values normalized; null for viewers'),
  sampleMessage: z.string().nullable().describe("the newest failure's message; null for viewers"),
  status: ProblemStatusSchema,
  occurrences: z.number().int().describe('failures counted, retries that failed again included'),
  failedRuns: z
    .number()
    .int()
    .describe('runs of this problem that are failed now (what a bulk retry retries)'),
  firstSeenAt: isoTime,
  lastSeenAt: isoTime,
  reopenedAt: isoTime.nullable().describe('when a new failure last reopened it after it was resolved'),
  reopenCount: z.number().int(),
  triagedBy: z.string().nullable(),
  triagedAt: isoTime.nullable(),
  triageNote: z.string().nullable().describe('null for viewers'),
  versions: z.array(z.number().int()).describe('pipeline versions of the failed runs'),
  sparkline: z
    .array(z.number().int())
    .describe(`failures per hour over the last ${SPARKLINE_HOURS} h, oldest first`),
});
export type ProblemSummary = z.infer<typeof ProblemSummarySchema>;

/** `GET /api/problems/:id`: the problem, its newest runs and the diagram with the failing state marked. */
export const ProblemViewSchema = ProblemSummarySchema.extend({
  sampleRuns: z.array(RunSummarySchema),
  diagram: z.string().describe('Mermaid source of the pipeline with the failing state marked failed'),
});
export type ProblemView = z.infer<typeof ProblemViewSchema>;

export const ProblemListQuerySchema = z.object({
  status: z
    .enum(['open', 'all', ...PROBLEM_STATUSES])
    .default('open')
    .describe('`open` = new and acknowledged'),
  pipeline: z.string().min(1).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ProblemListQuery = z.infer<typeof ProblemListQuerySchema>;

export const ProblemListSchema = z.object({
  problems: z.array(ProblemSummarySchema),
  page: z.number().int(),
  hasMore: z.boolean(),
  openCount: z.number().int().describe('new + acknowledged problems, whatever the filter'),
});
export type ProblemList = z.infer<typeof ProblemListSchema>;

export const TriageRequestSchema = z.object({
  status: ProblemStatusSchema.describe('`new` reopens a resolved or ignored problem by hand'),
  note: z.string().trim().max(2000, 'at most 2,000 characters').optional(),
});
export type TriageRequest = z.infer<typeof TriageRequestSchema>;

export const RetryProblemRequestSchema = z.object({
  expectedCount: z.number().int().min(0).describe('the number of failed runs the operator confirmed'),
  reason: z.string().trim().max(1000).optional(),
});
export type RetryProblemRequest = z.infer<typeof RetryProblemRequestSchema>;

const ProblemParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

/** The failure inbox: problems, their triage, and retrying their runs. */
export const problemRoutes = {
  listProblems: defineRoute({
    method: 'GET',
    path: '/api/problems',
    summary: 'The failure inbox: failed runs grouped into problems, newest failure first',
    access: 'runs:read',
    query: ProblemListQuerySchema,
    responses: { 200: ProblemListSchema },
    errors: ['VALIDATION_FAILED'],
  }),
  getProblem: defineRoute({
    method: 'GET',
    path: '/api/problems/{id}',
    summary: 'One problem: counts, times, versions, sparkline, sample runs and the marked diagram',
    access: 'runs:read',
    params: ProblemParams,
    responses: { 200: ProblemViewSchema },
    errors: ['NOT_FOUND'],
  }),
  triageProblem: defineRoute({
    method: 'POST',
    path: '/api/problems/{id}/triage',
    summary: 'Acknowledge, resolve, ignore or reopen a problem, with a note (audited)',
    access: 'runs:write',
    params: ProblemParams,
    body: TriageRequestSchema,
    responses: { 200: ProblemSummarySchema },
    errors: ['NOT_FOUND', 'TRANSITION_NOT_ALLOWED'],
  }),
  retryProblemRuns: defineRoute({
    method: 'POST',
    path: '/api/problems/{id}/retry',
    summary: 'Retry every failed run of a problem (each retry audited); refused when the count changed',
    access: 'runs:write',
    params: ProblemParams,
    body: RetryProblemRequestSchema,
    responses: { 200: RetryFailedRunsResultSchema },
    errors: ['NOT_FOUND', 'CONCURRENT_TRANSITION', 'VALIDATION_FAILED'],
  }),
};
