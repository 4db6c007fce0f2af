import { sql } from 'drizzle-orm';
import {
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

export const RUN_STATUSES = ['running', 'waiting', 'succeeded', 'failed', 'cancelled'] as const;
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
    stateValue: jsonb('state_value').notNull(),
    status: text('status', { enum: RUN_STATUSES }).$type<RunStatus>().notNull(),
    snapshot: jsonb('snapshot').$type<unknown>().notNull(),
    input: jsonb('input').$type<unknown>().notNull(),
    idempotencyKey: text('idempotency_key'),
    activeSteps: jsonb('active_steps').$type<Record<string, ActiveStep>>().notNull().default({}),
    /** Last attempt number used per step state, so re-entries and retries keep idempotency keys unique. */
    attemptCounters: jsonb('attempt_counters').$type<Record<string, number>>().notNull().default({}),
    error: jsonb('error'),
    /** The state whose step failed for good; `retryRun` re-enters it. */
    failedState: text('failed_state'),
    version: integer('version').notNull().default(1),
    ...timestamps,
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('runs_pipeline_idempotency_key_uq')
      .on(t.pipelineId, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
    index('runs_created_idx').on(t.createdAt.desc(), t.id.desc()),
    index('runs_pipeline_created_idx').on(t.pipelineId, t.createdAt.desc(), t.id.desc()),
    index('runs_status_created_idx').on(t.status, t.createdAt.desc(), t.id.desc()),
    index('runs_pipeline_state_idx').on(t.pipelineId, t.state, t.status),
  ],
);

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
    action: text('action').notNull(),
    runId: uuid('run_id'),
    reason: text('reason'),
    outcome: text('outcome', { enum: ['accepted', 'refused'] }).notNull(),
    details: jsonb('details'),
  },
  (t) => [index('audit_events_at_idx').on(t.at.desc()), index('audit_events_run_idx').on(t.runId, t.at)],
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
});
