import { z } from 'zod';

export const RUN_STATUSES = ['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled'] as const;
export const RunStatusSchema = z.enum(RUN_STATUSES);
export type RunStatus = z.infer<typeof RunStatusSchema>;

export const ATTEMPT_OUTCOMES = [
  'running',
  'succeeded',
  'failed',
  'timed_out',
  'aborted',
  'interrupted',
  'superseded',
] as const;
export const AttemptOutcomeSchema = z.enum(ATTEMPT_OUTCOMES);
export type AttemptOutcome = z.infer<typeof AttemptOutcomeSchema>;

const isoTime = z.iso.datetime({ offset: true });

/** What a run's diagram highlights: where it is, where it has been, where it failed. */
export const RunHighlightSchema = z.object({
  current: z.array(z.string()),
  visited: z.array(z.string()),
  failed: z.array(z.string()),
});

export type RunHighlight = z.infer<typeof RunHighlightSchema>;

const ActiveStepSchema = z.object({
  step: z.string(),
  since: z.number().int(),
  attempt: z.number().int(),
  firstAttempt: z.number().int(),
});

const message = z.string().optional().describe('left out for readers who may not see payloads');

/** Why a run failed: a step that used up its attempts, a step event nothing handles, or its definition. */
export const RunErrorSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('step_failed'),
    step: z.string(),
    state: z.string(),
    name: z.string(),
    message,
    attempts: z.number().int(),
    timedOut: z.boolean(),
  }),
  z.object({
    kind: z.literal('step_event_unhandled'),
    step: z.string(),
    state: z.string(),
    event: z.string(),
    name: z.string(),
    message,
  }),
  z.object({
    kind: z.literal('timed_out'),
    state: z.string().describe("the state whose timer fired ('' for a run-level deadline)"),
    delay: z.string(),
    name: z.string(),
    message,
  }),
  z.object({
    kind: z.literal('definition'),
    code: z.enum(['SNAPSHOT_INCOMPATIBLE', 'PIPELINE_VERSION_MISSING']),
    name: z.string(),
    message,
  }),
]);

/** A pending delayed (`after`) transition of a run. */
export const RunTimerSchema = z.object({
  event: z.string().describe('the xstate event it sends: xstate.after.<delay>.<state id>'),
  state: z.string().describe("the state that owns it ('' for the machine root: a run-level deadline)"),
  delay: z.string().describe('as written in the machine: 48h, approvalTimeout, 5000'),
  delayMs: z.number(),
  dueAt: isoTime,
  since: z.number().int().describe('the run version that set it'),
  target: z.string().nullable().describe('where it leads'),
});
export type RunTimer = z.infer<typeof RunTimerSchema>;

/** Where a forked run started. */
export const RunOriginSchema = z.object({
  runId: z.string(),
  version: z.number().int().describe('the transition (run version) of the original it started from'),
  state: z.string(),
});

/** A run forked from this one. */
export const RunForkSchema = z.object({
  id: z.string(),
  version: z.number().int().describe('the transition of this run it started from'),
  state: z.string().describe('the state it started in'),
  status: RunStatusSchema,
  createdAt: isoTime,
});

/** Where a queued run stands in its queue and why it waits (lists and the run page). */
export const RunQueueSchema = z.object({
  position: z.number().int().describe('1 = released first'),
  of: z.number().int().describe("queued runs of its queue: the pipeline's, or its concurrency key's"),
  reason: z
    .string()
    .describe(
      'why it waits, e.g. "pipeline paused by ops@example.org" or "concurrency limit (key clinic-a, 1/1)"',
    ),
});

export type RunQueue = z.infer<typeof RunQueueSchema>;

/** `GET /api/runs/:id` and the run page: plain JSON, ISO times. */
export const RunViewSchema = z.object({
  id: z.string(),
  pipelineId: z.string(),
  pipelineVersion: z.number().int(),
  pipelineTitle: z.string().nullable(),
  state: z.string().describe("leaf state paths joined by ','"),
  stateValue: z.union([z.string(), z.record(z.string(), z.unknown())]).describe('the XState state value'),
  status: RunStatusSchema,
  queue: RunQueueSchema.nullable().describe('set while the run is queued: where it stands and why it waits'),
  version: z.number().int(),
  allowedActions: z
    .array(z.string())
    .describe('what an operator may do now: retry, cancel and the events the current state accepts'),
  allowedEvents: z.array(z.string()).describe('the operator events among allowedActions'),
  pipelineEvents: z.array(z.string()).describe("every operator event the run's pipeline knows"),
  input: z.unknown().describe('null when payloadHidden'),
  context: z.unknown().describe('null when payloadHidden'),
  payloadHidden: z
    .boolean()
    .describe("the reader's role may not see payloads: input and context are null, the error has no message"),
  idempotencyKey: z.string().nullable(),
  error: RunErrorSchema.nullable(),
  failedState: z.string().nullable(),
  activeSteps: z.record(z.string(), ActiveStepSchema),
  createdAt: isoTime,
  updatedAt: isoTime,
  finishedAt: isoTime.nullable(),
  definitionError: z
    .string()
    .nullable()
    .describe('set when the stored snapshot no longer fits its pipeline definition'),
  diagram: z
    .string()
    .nullable()
    .describe('Mermaid source with the current state, the path taken and failures highlighted'),
  diagramIds: z
    .record(z.string(), z.string())
    .nullable()
    .describe('state path → Mermaid id in `diagram`, to mark states on the drawing without a new layout'),
  highlight: RunHighlightSchema,
  timers: z.array(RunTimerSchema).describe('pending delayed transitions, soonest first'),
  forkedFrom: RunOriginSchema.nullable(),
  forks: z.array(RunForkSchema).describe('runs forked from this one, newest first'),
});
export type RunView = z.infer<typeof RunViewSchema>;

/** One committed change of a run's state. */
export const TransitionEntrySchema = z.object({
  id: z.number().int(),
  runVersion: z.number().int(),
  fromState: z.string().nullable(),
  event: z.string(),
  toState: z.string(),
  actor: z.string(),
  at: isoTime,
  durationMs: z.number().nullable().describe('time spent in fromState before this transition'),
});
export type TransitionEntry = z.infer<typeof TransitionEntrySchema>;

export const AttemptLogLineSchema = z.object({
  at: z.string(),
  level: z.enum(['debug', 'info', 'warn', 'error']),
  msg: z.string(),
});

/** One try of a step, with its outcome, error and the log lines the step wrote. */
export const AttemptEntrySchema = z.object({
  id: z.number().int(),
  state: z.string(),
  step: z.string(),
  attempt: z.number().int(),
  workerId: z.string().nullable(),
  idempotencyKey: z.string(),
  startedAt: isoTime,
  endedAt: isoTime.nullable(),
  outcome: AttemptOutcomeSchema,
  error: z
    .object({ name: z.string().optional(), message: z.string().optional(), stack: z.string().optional() })
    .nullable(),
  logs: z.array(AttemptLogLineSchema),
  payloadHidden: z
    .boolean()
    .describe("the reader's role may not see payloads: no log lines, and the error keeps only its name"),
});
export type AttemptEntry = z.infer<typeof AttemptEntrySchema>;

/** Everything the run page shows, read once: the run, its transitions and its step attempts. */
export const RunPageSchema = z.object({
  run: RunViewSchema,
  transitions: z.array(TransitionEntrySchema),
  attempts: z.array(AttemptEntrySchema),
});
export type RunPage = z.infer<typeof RunPageSchema>;
