import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * `queued`: held before its next step starts (its pipeline is paused), or waiting for a slot of its
 * pipeline's concurrency limit (`runs.slot_seq` set).
 */
export const RUN_STATUSES = ['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const ATTEMPT_OUTCOMES = [
  'running',
  'succeeded',
  'failed',
  'timed_out',
  'aborted',
  'interrupted',
  'superseded',
] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

/** A step instance that is active in a run: which state runs it, since which run version, which attempt. */
export interface ActiveStep {
  step: string;
  /** Run version at which the state was entered; jobs for an older entry are stale. */
  since: number;
  /** Attempt number in this run (never reset: re-entries and retries continue counting). */
  attempt: number;
  /** Attempt number at entry: tries used in this entry = attempt - firstAttempt + 1. */
  firstAttempt: number;
}

/**
 * A delayed (`after`) transition that is pending in a run: its graphile-worker job fires at `dueAt`
 * unless the run left `state` first (the job then finds no matching timer and does nothing).
 */
export interface ActiveTimer {
  /** The state path that owns the timer ('' for the machine root: a run-level deadline). */
  state: string;
  /** The delay as written in the machine: `48h`, `approvalTimeout`, `5000`. */
  delay: string;
  /** The delay resolved for this run, in milliseconds. */
  delayMs: number;
  /** Run version at which the timer was set; null until the change that sets it is written. */
  since: number | null;
  /** When it fires (ISO time); null until the change that sets it is written. */
  dueAt: string | null;
}

/** A machine state value as stored (the shape of xstate's `StateValue`). */
export type StoredStateValue = string | { [key: string]: StoredStateValue };

/** What a run keeps of its machine snapshot: enough to restore it against its definition. */
export interface StoredSnapshot {
  value: StoredStateValue;
  context: unknown;
  status: 'active' | 'done' | 'error' | 'stopped';
}

/**
 * Why a run failed, by kind. Every kind has a `message` (it may quote payload data: read models
 * redact it for readers without `payload:read`).
 */
export type RunError =
  /** A step used up its attempts (or timed out on the last one). */
  | {
      kind: 'step_failed';
      step: string;
      state: string;
      name: string;
      message: string;
      attempts: number;
      timedOut: boolean;
    }
  /** A step finished but the machine takes neither its `done` event nor (guards false) any branch of it. */
  | {
      kind: 'step_event_unhandled';
      step: string;
      state: string;
      event: string;
      name: string;
      message: string;
    }
  /** A delayed transition led the run into a failed state (a deadline passed). */
  | {
      kind: 'timed_out';
      state: string;
      delay: string;
      name: string;
      message: string;
    }
  /** The run cannot go on with its definition (pipeline version gone, snapshot no longer fits). */
  | {
      kind: 'definition';
      code: 'SNAPSHOT_INCOMPATIBLE' | 'PIPELINE_VERSION_MISSING';
      name: string;
      message: string;
    };

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
};

export const runs = pgTable(
  'runs',
  {
    id: uuid('id').primaryKey(),
    pipelineId: text('pipeline_id').notNull(),
    pipelineVersion: integer('pipeline_version').notNull(),
    /** Leaf state paths joined by ',' (one for sequential machines, several for parallel ones). */
    state: text('state').notNull(),
    stateValue: jsonb('state_value').$type<StoredStateValue>().notNull(),
    status: text('status', { enum: RUN_STATUSES }).$type<RunStatus>().notNull(),
    snapshot: jsonb('snapshot').$type<StoredSnapshot>().notNull(),
    input: jsonb('input').$type<unknown>().notNull(),
    idempotencyKey: text('idempotency_key'),
    activeSteps: jsonb('active_steps').$type<Record<string, ActiveStep>>().notNull().default({}),
    /** Last attempt number used per step state, so re-entries and retries keep idempotency keys unique. */
    attemptCounters: jsonb('attempt_counters').$type<Record<string, number>>().notNull().default({}),
    error: jsonb('error').$type<RunError>(),
    /** The state whose step failed for good (shown in lists and counts). */
    failedState: text('failed_state'),
    /** The state value a retry resumes from; null when the run cannot be retried. */
    retryFrom: jsonb('retry_from').$type<StoredStateValue>(),
    /** Pending delayed transitions by their xstate event (`xstate.after.<delay>.<state id>`). */
    timers: jsonb('timers').$type<Record<string, ActiveTimer>>().notNull().default({}),
    /** The run this one was forked from, the version (transition) and the state it started at. */
    forkedFromRunId: uuid('forked_from_run_id'),
    forkedFromVersion: integer('forked_from_version'),
    forkedFromState: text('forked_from_state'),
    version: integer('version').notNull().default(1),
    ...timestamps,
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
    /**
     * The concurrency key of a run of a pipeline that declares `maxConcurrentRuns` ('' for a
     * pipeline-wide limit); null for pipelines without a limit. Live runs with a key and no
     * `slotSeq` hold a slot.
     */
    concurrencyKey: text('concurrency_key'),
    /** Set while the run waits for a slot (status `queued`): its place in the key's queue (FIFO). */
    slotSeq: bigint('slot_seq', { mode: 'number' }),
  },
  (t) => [
    uniqueIndex('runs_pipeline_idempotency_key_uq')
      .on(t.pipelineId, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
    // Keyset orders (sort column, created_at, id): one index per sort. Ascending on purpose: a
    // btree is read backwards for DESC, while drizzle's `.desc()` means DESC NULLS LAST, which an
    // ORDER BY ... DESC (NULLS FIRST) cannot use at all.
    index('runs_created_idx').on(t.createdAt, t.id),
    index('runs_updated_idx').on(t.updatedAt, t.createdAt, t.id),
    index('runs_state_created_idx').on(t.state, t.createdAt, t.id),
    index('runs_pipeline_created_idx').on(t.pipelineId, t.createdAt, t.id),
    index('runs_status_created_idx').on(t.status, t.createdAt, t.id),
    // Status filters and capped counts (status first), the overview's lists by last change.
    index('runs_status_updated_idx').on(t.status, t.updatedAt, t.createdAt, t.id),
    // The pipelines list: capped counts per (pipeline, status) and the latest change of each.
    index('runs_pipeline_status_updated_idx').on(t.pipelineId, t.status, t.updatedAt),
    index('runs_pipeline_state_idx').on(t.pipelineId, t.state, t.status),
    // Runs of parallel machines (labels of several leaves): the state filter splits only these.
    index('runs_parallel_state_idx').on(t.createdAt, t.id).where(sql`strpos(${t.state}, ',') > 0`),
    index('runs_forked_from_idx').on(t.forkedFromRunId).where(sql`${t.forkedFromRunId} is not null`),
    // Concurrency slots: the live runs of a (pipeline, key), those waiting for a slot in queue order.
    index('runs_concurrency_slot_idx')
      .on(t.pipelineId, t.concurrencyKey, t.slotSeq)
      .where(sql`${t.concurrencyKey} is not null and ${t.status} in ('queued', 'running', 'waiting')`),
  ],
);

/**
 * An operator action over many runs, done in the background by a worker (a bulk retry of more failed
 * runs than one request takes): what, by whom, and how far it got.
 */
export const bulkActions = pgTable('bulk_actions', {
  id: uuid('id').primaryKey(),
  kind: text('kind', { enum: ['retry-failed'] }).notNull(),
  /** The runs list's filters, as the operator confirmed them. */
  filter: jsonb('filter').$type<Record<string, string>>().notNull(),
  reason: text('reason'),
  actor: text('actor').notNull(),
  actorRole: text('actor_role'),
  /** How many runs matched when the operator confirmed. */
  matched: integer('matched').notNull(),
  done: integer('done').notNull().default(0),
  refused: integer('refused').notNull().default(0),
  status: text('status', { enum: ['running', 'succeeded', 'failed'] })
    .notNull()
    .default('running'),
  /** The last run done (creation time and id): a worker that takes the action over goes on after it. */
  position: jsonb('position').$type<{ createdAt: string; id: string }>(),
  error: text('error'),
  ...timestamps,
  finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
});

/** The order runs start waiting for a concurrency slot in (`runs.slot_seq`). */
export const runSlotSeq = pgSequence('run_slot_seq');

export const transitions = pgTable(
  'transitions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    runId: uuid('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    /** The run version this transition produced. */
    runVersion: integer('run_version').notNull(),
    fromState: text('from_state'),
    event: text('event').notNull(),
    toState: text('to_state').notNull(),
    actor: text('actor').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /** Time spent in `fromState` before this transition. */
    durationMs: integer('duration_ms'),
    /** The machine state value after this transition (null for rows older than forks). */
    stateValue: jsonb('state_value').$type<StoredStateValue>(),
    /** The full context after this transition: kept every few versions (and on the first). */
    context: jsonb('context'),
    /** Otherwise the JSON Patch (RFC 6902) from the previous transition's context. */
    contextPatch: jsonb('context_patch'),
  },
  (t) => [index('transitions_run_idx').on(t.runId, t.id)],
);

export interface AttemptLogLine {
  at: string;
  level: 'debug' | 'info' | 'warn' | 'error';
  msg: string;
}

export const stepAttempts = pgTable(
  'step_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    runId: uuid('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    state: text('state').notNull(),
    step: text('step').notNull(),
    attempt: integer('attempt').notNull(),
    runVersion: integer('run_version').notNull(),
    workerId: text('worker_id'),
    /**
     * The owner's heartbeat sequence when it claimed the attempt: until the owner has beaten after
     * that, a second claim is refused even if its last beat does not list the attempt yet.
     */
    claimSeq: bigint('claim_seq', { mode: 'number' }),
    idempotencyKey: text('idempotency_key').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true, mode: 'date' }),
    outcome: text('outcome', { enum: ATTEMPT_OUTCOMES }).notNull().default('running'),
    error: jsonb('error'),
    logs: jsonb('logs').$type<AttemptLogLine[]>().notNull().default([]),
  },
  (t) => [
    uniqueIndex('step_attempts_run_state_attempt_uq').on(t.runId, t.state, t.attempt),
    index('step_attempts_run_idx').on(t.runId, t.id),
  ],
);

export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    actor: text('actor').notNull(),
    /** The actor's role when they acted (viewer, operator, admin; system actors have none). */
    actorRole: text('actor_role'),
    action: text('action').notNull(),
    runId: uuid('run_id'),
    /** What was acted on, e.g. `run:<id>`, `user:<id>`, `token:<id>`, `session`. */
    target: text('target'),
    reason: text('reason'),
    outcome: text('outcome', { enum: ['accepted', 'refused'] }).notNull(),
    /** Client address, for sign-ins and console actions. */
    ip: text('ip'),
    details: jsonb('details'),
  },
  (t) => [
    index('audit_events_at_idx').on(t.at.desc()),
    index('audit_events_run_idx').on(t.runId, t.at),
    index('audit_events_action_at_idx').on(t.action, t.at.desc()),
    index('audit_events_actor_at_idx').on(t.actor, t.at.desc()),
    // `target like 'run:<id>%'`: a run's trail (also after its run was pruned).
    index('audit_events_target_idx').on(t.target.op('text_pattern_ops')),
  ],
);

export const workerHeartbeats = pgTable('worker_heartbeats', {
  workerId: text('worker_id').primaryKey(),
  /** graphile-worker's pool id: the `locked_by` of the jobs this worker holds. */
  poolId: text('pool_id'),
  hostname: text('hostname').notNull(),
  pid: integer('pid').notNull(),
  concurrency: integer('concurrency').notNull(),
  startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  /** Counts this worker's beats: a beat lists the step attempts the worker was running when it was taken. */
  beatSeq: bigint('beat_seq', { mode: 'number' }).notNull().default(0),
  /** Idempotency keys of the step attempts this worker was running at beat `beat_seq`. */
  runningSteps: text('running_steps').array().notNull().default(sql`'{}'::text[]`),
});

/**
 * Workers idle now, one row each, offered to the next single start: that start's own transaction
 * deletes the row, inserts its first step job locked by the worker's pool and opens the attempt in
 * the worker's name, so the worker runs the step as soon as the start's NOTIFY reaches it, without a
 * claim of its own (see `core/runs/dispatch-step.ts`). A row only counts while the worker's listen
 * connection (`listen_pid`, started at `listen_started_at`) is alive: a dead worker's row is passed
 * over, and deleted with its heartbeat.
 */
export const idleWorkers = pgTable('idle_workers', {
  workerId: text('worker_id').primaryKey(),
  /** The graphile-worker pool the assigned job is locked by. */
  poolId: text('pool_id').notNull(),
  listenPid: integer('listen_pid').notNull(),
  listenStartedAt: timestamp('listen_started_at', { withTimezone: true, mode: 'date' }).notNull(),
  /** The worker's heartbeat sequence when it offered itself: the assigned attempt's `claim_seq`. */
  claimSeq: bigint('claim_seq', { mode: 'number' }).notNull(),
  /** The newest version of each pipeline the worker knows: a start of a newer one passes it over. */
  pipelines: jsonb('pipelines').$type<Record<string, number>>().notNull(),
  since: timestamp('since', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/**
 * One row: when any worker last wrote a heartbeat, and since when heartbeats have arrived without a
 * gap. A gap means nobody could reach the database (an outage, a failover); until heartbeats have
 * flowed again for a whole window, silence proves nothing and no worker is declared dead.
 */
export const heartbeatPulse = pgTable(
  'heartbeat_pulse',
  {
    id: integer('id').primaryKey().default(1),
    lastBeatAt: timestamp('last_beat_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    steadySince: timestamp('steady_since', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [check('heartbeat_pulse_one_row', sql`${t.id} = 1`)],
);

/** An operator's controls over one pipeline (all versions): paused or not, by whom, since when, why. */
export const pipelineControls = pgTable('pipeline_controls', {
  pipelineId: text('pipeline_id').primaryKey(),
  /** Set while the pipeline is paused: no new step of it starts. */
  pausedAt: timestamp('paused_at', { withTimezone: true, mode: 'date' }),
  pausedBy: text('paused_by'),
  pauseReason: text('pause_reason'),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/**
 * A step job that found its pipeline paused: kept here (exactly as it was enqueued) until the
 * pipeline resumes, when it is enqueued again in the order it was held.
 */
export const heldSteps = pgTable(
  'held_steps',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    runId: uuid('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    pipelineId: text('pipeline_id').notNull(),
    state: text('state').notNull(),
    payload: jsonb('payload').notNull(),
    heldAt: timestamp('held_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('held_steps_run_state_uq').on(t.runId, t.state),
    index('held_steps_pipeline_idx').on(t.pipelineId, t.id),
  ],
);

export const PROBLEM_STATUSES = ['new', 'acknowledged', 'resolved', 'ignored'] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

/**
 * Failed runs grouped by (pipeline, failed state, error signature). Written in the same statement as
 * the failing transition, so no failure is ever missing from its problem.
 */
export const problems = pgTable(
  'problems',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    pipelineId: text('pipeline_id').notNull(),
    failedState: text('failed_state').notNull(),
    /** Error name + message with numbers, ids and quoted values replaced (may still quote payload words). */
    signature: text('signature').notNull(),
    errorName: text('error_name').notNull(),
    /** The newest failure's message (payload: shown to `payload:read` only). */
    sampleMessage: text('sample_message').notNull(),
    status: text('status', { enum: PROBLEM_STATUSES }).$type<ProblemStatus>().notNull().default('new'),
    occurrences: integer('occurrences').notNull().default(0),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /** When a failure last reopened it after it was resolved. */
    reopenedAt: timestamp('reopened_at', { withTimezone: true, mode: 'date' }),
    reopenCount: integer('reopen_count').notNull().default(0),
    triagedBy: text('triaged_by'),
    triagedAt: timestamp('triaged_at', { withTimezone: true, mode: 'date' }),
    triageNote: text('triage_note'),
  },
  (t) => [
    uniqueIndex('problems_signature_uq').on(t.pipelineId, t.failedState, t.signature),
    index('problems_last_seen_idx').on(t.lastSeenAt.desc(), t.id.desc()),
  ],
);

/** One failure of a run counted in a problem. */
export const problemOccurrences = pgTable(
  'problem_occurrences',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    problemId: bigint('problem_id', { mode: 'number' })
      .notNull()
      .references(() => problems.id, { onDelete: 'cascade' }),
    runId: uuid('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    pipelineVersion: integer('pipeline_version').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('problem_occurrences_problem_idx').on(t.problemId, t.at.desc()),
    index('problem_occurrences_run_idx').on(t.runId, t.id),
  ],
);

// ---------------------------------------------------------------------------------------------
// Alerts: outgoing webhooks and their delivery log. A delivery is a row here plus a graphile-worker
// job, written in the same statement as what caused it (a failing transition, a periodic check).

export const ALERT_KINDS = [
  'problem_opened',
  'problem_reopened',
  'run_failed',
  'run_stuck',
  'run_waiting',
  'no_live_worker',
  'test',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const WEBHOOK_FORMATS = ['generic', 'slack'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** An outgoing webhook an admin configured: where alerts go, which ones, and in which shape. */
export const webhooks = pgTable('webhooks', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  name: text('name').notNull(),
  url: text('url').notNull(),
  format: text('format', { enum: WEBHOOK_FORMATS }).$type<WebhookFormat>().notNull(),
  /** The alert kinds it receives (`test` is always sent when asked for). */
  events: text('events').array().$type<AlertKind[]>().notNull(),
  /** Only alerts about these pipelines; empty: every pipeline. */
  pipelineIds: text('pipeline_ids').array().notNull().default(sql`'{}'::text[]`),
  /** Key of the HMAC-SHA256 signature header; shown once, when the webhook is created. */
  secret: text('secret').notNull(),
  /** A running run with no transition for this long is stuck. */
  stuckAfterMinutes: integer('stuck_after_minutes').notNull().default(30),
  /** A run waiting for an event this long is reported. */
  waitingAfterMinutes: integer('waiting_after_minutes').notNull().default(1440),
  enabled: boolean('enabled').notNull().default(true),
  createdBy: text('created_by').notNull(),
  ...timestamps,
});

/** One alert for one webhook, and how its delivery went (the console's delivery log). */
export const alertDeliveries = pgTable(
  'alert_deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    webhookId: bigint('webhook_id', { mode: 'number' })
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ALERT_KINDS }).$type<AlertKind>().notNull(),
    /** The alert's facts (ids, names, states, counts): never payload content. */
    event: jsonb('event').$type<Record<string, unknown>>().notNull(),
    /** One alert per condition (a stuck run at a version, a silence of the workers): set by periodic checks. */
    dedupeKey: text('dedupe_key'),
    status: text('status', { enum: DELIVERY_STATUSES }).$type<DeliveryStatus>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    responseCode: integer('response_code'),
    /** Why the last attempt failed (status code, refused connection, timeout): never the response body. */
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true, mode: 'date' }),
    /** When the next attempt may start (also the lease of an attempt under way). */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('alert_deliveries_webhook_idx').on(t.webhookId, t.id),
    uniqueIndex('alert_deliveries_dedupe_uq')
      .on(t.webhookId, t.dedupeKey)
      .where(sql`${t.dedupeKey} is not null`),
    index('alert_deliveries_pending_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
  ],
);

// ---------------------------------------------------------------------------------------------
// Health-data ingestion (lab results CSV, FHIR bundles). Files are stored in PostgreSQL so any
// worker on any machine can process them; rows go through a per-run staging table; only
// `observations`, `patients` and `patient_links` are the product.

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/** An uploaded file (CSV, FHIR bundle): complete once all its chunks are in and its hash is known. */
export const ingestFiles = pgTable(
  'ingest_files',
  {
    id: uuid('id').primaryKey(),
    /** Hex SHA-256 of the content; null while the upload is in progress. */
    sha256: text('sha256'),
    bytes: bigint('bytes', { mode: 'number' }).notNull().default(0),
    chunks: integer('chunks').notNull().default(0),
    complete: boolean('complete').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('ingest_files_sha256_uq').on(t.sha256).where(sql`${t.complete}`)],
);

export const ingestFileChunks = pgTable(
  'ingest_file_chunks',
  {
    fileId: uuid('file_id')
      .notNull()
      .references(() => ingestFiles.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [primaryKey({ columns: [t.fileId, t.seq] })],
);

export const STAGED_KINDS = ['row', 'patient', 'observation', 'other'] as const;
export type StagedKind = (typeof STAGED_KINDS)[number];
export const STAGED_STATUSES = ['staged', 'valid', 'quarantined'] as const;
export type StagedStatus = (typeof STAGED_STATUSES)[number];
/** After deduplicating: `new`, `duplicate` or `conflict`; after loading, `new` becomes `loaded` or `duplicate`. */
export const STAGED_DISPOSITIONS = ['new', 'duplicate', 'conflict', 'loaded'] as const;
export type StagedDisposition = (typeof STAGED_DISPOSITIONS)[number];

/**
 * One record of an ingestion run (a CSV row, a bundle entry) on its way from the file to
 * `observations`: parsing writes `raw`, validating the typed fields, normalizing the canonical
 * value, deduplicating and loading the disposition. Payload: never log it.
 */
export const ingestRecords = pgTable(
  'ingest_records',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    runId: uuid('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    /** CSV: data row number (1 = first row after the header); FHIR: index in `Bundle.entry`. */
    recordNumber: integer('record_number').notNull(),
    /** CSV: the file line the record ends on. */
    line: integer('line'),
    kind: text('kind', { enum: STAGED_KINDS }).$type<StagedKind>().notNull(),
    raw: jsonb('raw').$type<unknown>().notNull(),
    status: text('status', { enum: STAGED_STATUSES }).$type<StagedStatus>().notNull().default('staged'),
    patientId: text('patient_id'),
    loincCode: text('loinc_code'),
    value: doublePrecision('value'),
    unit: text('unit'),
    effectiveAt: timestamp('effective_at', { withTimezone: true, mode: 'date' }),
    canonicalValue: doublePrecision('canonical_value'),
    canonicalUnit: text('canonical_unit'),
    /** FHIR Patient entries: their identifiers, linked to the patient at loading. */
    identifiers: jsonb('identifiers').$type<{ system: string; value: string }[]>(),
    disposition: text('disposition', { enum: STAGED_DISPOSITIONS }).$type<StagedDisposition>(),
  },
  (t) => [uniqueIndex('ingest_records_run_record_uq').on(t.runId, t.recordNumber)],
);

/** Why a record was kept out: one row per record and field. `rawValue` is payload, for operators only. */
export const quarantinedRecords = pgTable(
  'quarantined_records',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    runId: uuid('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    recordNumber: integer('record_number').notNull(),
    line: integer('line'),
    field: text('field').notNull(),
    reason: text('reason').notNull(),
    rawValue: text('raw_value'),
    /** The state that quarantined it: parsing, validating or deduplicating. */
    stage: text('stage').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('quarantined_records_run_record_field_uq').on(t.runId, t.recordNumber, t.field),
    // Quarantine retention deletes by age, in batches.
    index('quarantined_records_created_idx').on(t.createdAt),
  ],
);

/** Patients known to Signalbox, keyed by their patient id (MRN-like, synthetic in the demo). */
export const patients = pgTable('patients', {
  id: text('id').primaryKey(),
  /** The run that created the patient. */
  firstRunId: uuid('first_run_id'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** Identifiers (FHIR `Patient.identifier` system + value) that resolve to a patient. */
export const patientLinks = pgTable(
  'patient_links',
  {
    system: text('system').notNull(),
    value: text('value').notNull(),
    patientId: text('patient_id')
      .notNull()
      .references(() => patients.id, { onDelete: 'cascade' }),
    runId: uuid('run_id'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.system, t.value] }), index('patient_links_patient_idx').on(t.patientId)],
);

/**
 * Lab observations in one canonical unit per LOINC code. The natural key (patient, code, effective
 * time) makes loading an idempotent upsert: a file loaded twice, or a load retried after a crash,
 * adds nothing. Runs are not foreign keys: observations outlive the runs that loaded them.
 */
export const observations = pgTable(
  'observations',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    patientId: text('patient_id')
      .notNull()
      .references(() => patients.id),
    loincCode: text('loinc_code').notNull(),
    effectiveAt: timestamp('effective_at', { withTimezone: true, mode: 'date' }).notNull(),
    value: doublePrecision('value').notNull(),
    unit: text('unit').notNull(),
    originalValue: doublePrecision('original_value').notNull(),
    originalUnit: text('original_unit').notNull(),
    sourcePipeline: text('source_pipeline').notNull(),
    sourceRunId: uuid('source_run_id').notNull(),
    sourceRecord: integer('source_record').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('observations_natural_key_uq').on(t.patientId, t.loincCode, t.effectiveAt),
    index('observations_source_run_idx').on(t.sourceRunId),
  ],
);
