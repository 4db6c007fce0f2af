import { z } from 'zod';
import { RunStatusSchema } from './run-page';
import { RunStatusCountsSchema, RunSummarySchema } from './runs';

const isoTime = z.iso.datetime({ offset: true });

/** A pipeline (newest version) with its run counts per status. */
export const PipelineSummarySchema = z.object({
  id: z.string(),
  version: z.number().int(),
  title: z.string(),
  description: z.string(),
  steps: z.number().int(),
  schedules: z.array(z.object({ name: z.string(), cron: z.string() })),
  counts: RunStatusCountsSchema.describe('all runs of the pipeline (any version), per status'),
  total: z.number().int(),
  lastActivityAt: isoTime.nullable(),
});
export type PipelineSummary = z.infer<typeof PipelineSummarySchema>;

export const StateStatusCountSchema = z.object({
  state: z.string().describe("the run's state: leaf paths joined by ','"),
  status: RunStatusSchema,
  count: z.number().int(),
});

/** `GET /api/pipelines/:id` and the pipeline page: definition, input schema, diagrams, live counts. */
export const PipelineViewSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  title: z.string(),
  description: z.string(),
  inputSchema: z
    .record(z.string(), z.unknown())
    .describe('the input schema as JSON Schema (input side: defaulted fields are optional)'),
  mermaid: z.string().describe('the machine as Mermaid stateDiagram-v2, without highlights'),
  diagrams: z
    .object({ all: z.string(), active: z.string() })
    .describe('the diagram with run counts on each state: all runs, or only running and waiting ones'),
  stateCounts: z.array(StateStatusCountSchema),
  counts: RunStatusCountsSchema,
  steps: z.array(
    z.object({
      name: z.string(),
      states: z.array(z.string()),
      maxAttempts: z.number().int(),
      timeoutMs: z.number().int(),
      backoff: z.object({ initialMs: z.number(), maxMs: z.number() }),
    }),
  ),
  schedules: z.array(z.object({ name: z.string(), cron: z.string(), backfillMs: z.number() })),
  operatorEvents: z.array(z.string()),
});
export type PipelineView = z.infer<typeof PipelineViewSchema>;

/** The overview page's data: runs by status over the last 24 h, active runs, failures, pipeline health. */
export const OverviewSchema = z.object({
  since: isoTime.describe('start of the window'),
  counts: RunStatusCountsSchema.describe('runs created in the window, per status'),
  total: z.number().int(),
  active: z.object({
    counts: z.object({ running: z.number().int(), waiting: z.number().int() }),
    runs: z.array(RunSummarySchema),
  }),
  recentFailures: z.array(RunSummarySchema),
  pipelines: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      counts: RunStatusCountsSchema,
      total: z.number().int(),
      failureRate: z.number().nullable().describe('share of finished runs in the window that failed'),
      lastFailureAt: isoTime.nullable(),
    }),
  ),
  workers: z.array(
    z.object({
      workerId: z.string(),
      hostname: z.string(),
      pid: z.number().int(),
      concurrency: z.number().int(),
      lastSeenAt: isoTime,
      alive: z.boolean(),
    }),
  ),
});
export type Overview = z.infer<typeof OverviewSchema>;
