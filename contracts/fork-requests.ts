import { z } from 'zod';
import { RunFilterSchema } from './runs';

/** Where to start a fork: a transition of the run (its version) or a state (the last time it was there). */
export const ForkAtSchema = z.union([
  z.object({ version: z.number().int().positive() }).strict(),
  z.object({ state: z.string().trim().min(1).max(300) }).strict(),
]);

const reason = z
  .string()
  .trim()
  .min(1, 'say why you fork this run')
  .max(1000)
  .describe('why: kept in the audit trail');

/** `POST /api/runs/:id/fork`. */
export const ForkRunRequestSchema = z.object({
  at: ForkAtSchema,
  context: z
    .unknown()
    .optional()
    .describe(
      "the edited context (JSON); without it, the context the run had there. Checked against the pipeline's context schema when it declares one",
    ),
  pipelineVersion: z
    .enum(['original', 'current'])
    .default('original')
    .describe(
      "run on the original run's pipeline version, or on the current one (the state must exist there)",
    ),
  reason,
});
export type ForkRunRequest = z.input<typeof ForkRunRequestSchema>;

/** `GET /api/runs/:id/fork-point`: what the fork dialog shows before anything runs. */
export const ForkPointQuerySchema = z.object({
  version: z.coerce.number().int().positive().optional(),
  state: z.string().trim().min(1).max(300).optional(),
});

export const ForkPointSchema = z.object({
  version: z.number().int().describe('the transition of the run the point is at'),
  state: z.string(),
  context: z.unknown().describe('the context the run had there'),
  visited: z.boolean().describe('false for a state the run never entered: the context is its latest one'),
  states: z.array(z.string()).describe("every state of the run's pipeline version a fork may start in"),
  currentPipelineVersion: z.number().int(),
  statesInCurrent: z.array(z.string()).describe('the states of the current pipeline version'),
  contextSchema: z.boolean().describe('the pipeline declares a context schema (edits are checked)'),
});
export type ForkPoint = z.infer<typeof ForkPointSchema>;

export const JsonPatchSchema = z
  .array(
    z.union([
      z.object({ op: z.enum(['add', 'replace', 'test']), path: z.string(), value: z.unknown() }).strict(),
      z.object({ op: z.literal('remove'), path: z.string() }).strict(),
    ]),
  )
  .max(100)
  .describe('a JSON Patch (RFC 6902: add, remove, replace, test)');

/** At most this many runs are forked by one bulk fork. */
export const MAX_BULK_FORK = 500;

/** `POST /api/runs/fork-failed`: fork every failed run matching a filter, from its failed state. */
export const ForkFailedRunsRequestSchema = z.object({
  filter: RunFilterSchema.omit({ status: true }).default({}),
  patch: JsonPatchSchema.default([]),
  reason,
  dryRun: z.boolean().default(false).describe('check every run (patch, schema, state) and write nothing'),
  expectedCount: z
    .number()
    .int()
    .min(0)
    .max(MAX_BULK_FORK)
    .optional()
    .describe('required unless dryRun: the number of runs the operator confirmed'),
});
export type ForkFailedRunsRequest = z.output<typeof ForkFailedRunsRequestSchema>;

export const ForkFailedRunsResultSchema = z.object({
  matched: z.number().int(),
  forked: z.number().int().describe('with dryRun: how many would be forked'),
  refused: z.number().int(),
  dryRun: z.boolean(),
  forks: z.array(z.object({ runId: z.string(), forkId: z.string().nullable() })),
  refusals: z.array(z.object({ runId: z.string(), code: z.string(), message: z.string() })),
});
export type ForkFailedRunsResult = z.infer<typeof ForkFailedRunsResultSchema>;
