import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import type { AttemptLogLine, AttemptOutcome } from '../schema';
import type { JobSpec } from './add-step-jobs';
import { jsonb, timestamptz } from './json-param';
import { RUN_CHANGES_CHANNEL, type RunChangedNotice } from './notify-run-changed';
import type { NewRunIdentity, RunUpdate } from './run-record';

/** How a step attempt ended. */
export interface AttemptEnd {
  outcome: Exclude<AttemptOutcome, 'running'>;
  error: unknown;
  logs: AttemptLogLine[];
}

/** The row a change writes: a new run (version 1), or a compare-and-set on an existing one. */
export type RunRowWrite =
  | { kind: 'insert'; identity: NewRunIdentity }
  | {
      kind: 'update';
      runId: string;
      expectedVersion: number;
      /**
       * The step attempt this change closes: the change only happens while it is still running (and,
       * with `workerId`, still owned by that worker).
       */
      attempt?: { id: number; workerId?: string } & AttemptEnd;
    };

export interface RunChangeWrite {
  row: RunRowWrite;
  update: RunUpdate;
  transition?: {
    fromState: string | null;
    event: string;
    toState: string;
    actor: string;
    durationMs: number | null;
  };
  audit?: {
    actor: string;
    actorRole: string | null;
    ip: string | null;
    action: string;
    reason: string | null;
    details: Record<string, unknown> | null;
  };
  jobs: readonly JobSpec[];
  notice: RunChangedNotice;
}

export interface RunWritten {
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** Jobs as the JSON `graphile_worker.add_jobs` reads through `json_populate_recordset`. */
const jobSpecsJson = (jobs: readonly JobSpec[]): string =>
  JSON.stringify(
    jobs.map((job) => ({
      identifier: job.task,
      payload: job.payload,
      run_at: job.runAt?.toISOString() ?? null,
      max_attempts: job.maxAttempts,
    })),
  );

function rowCte(change: RunChangeWrite): SQL {
  const { row, update: u } = change;
  if (row.kind === 'insert') {
    const r = row.identity;
    return sql`w as (
      insert into runs (id, pipeline_id, pipeline_version, state, state_value, status, snapshot, input,
        idempotency_key, active_steps, attempt_counters, error, failed_state, retry_from, version, finished_at)
      values (${r.id}::uuid, ${r.pipelineId}, ${r.pipelineVersion}, ${u.state}, ${jsonb(u.stateValue)},
        ${u.status}, ${jsonb(u.snapshot)}, ${jsonb(r.input)}, ${r.idempotencyKey},
        ${jsonb(u.activeSteps)}, ${jsonb(u.attemptCounters)}, ${jsonb(u.error)}, ${u.failedState},
        ${jsonb(u.retryFrom)}, 1, ${timestamptz(u.finishedAt)})
      on conflict (pipeline_id, idempotency_key) where idempotency_key is not null do nothing
      returning version, created_at, updated_at)`;
  }
  const owner = row.attempt?.workerId;
  const attemptGuard = row.attempt
    ? sql`and exists (select 1 from step_attempts where id = ${row.attempt.id} and outcome = 'running'
        ${owner === undefined ? sql`` : sql`and worker_id = ${owner}`})`
    : sql``;
  return sql`w as (
    update runs set
      state = ${u.state}, state_value = ${jsonb(u.stateValue)}, status = ${u.status},
      snapshot = ${jsonb(u.snapshot)}, active_steps = ${jsonb(u.activeSteps)},
      attempt_counters = ${jsonb(u.attemptCounters)}, error = ${jsonb(u.error)},
      failed_state = ${u.failedState}, retry_from = ${jsonb(u.retryFrom)},
      finished_at = ${timestamptz(u.finishedAt)}, version = version + 1, updated_at = now()
    where id = ${row.runId}::uuid and version = ${row.expectedVersion} ${attemptGuard}
    returning version, created_at, updated_at)`;
}

/**
 * One change of a run as ONE statement (one round trip, atomic without BEGIN/COMMIT): the run row
 * (insert of a new run, or compare-and-set on `version`), then, only if that row was written, the
 * attempt's end, the transition row, the audit row, the next jobs (`graphile_worker.add_jobs`) and
 * the NOTIFY. Returns the written version and times, or undefined when nothing was written (a lost
 * compare-and-set, a closed attempt, or an idempotency key already taken).
 */
export async function writeRunChange(db: Executor, change: RunChangeWrite): Promise<RunWritten | undefined> {
  const { row, transition: t, audit: a } = change;
  const runId = row.kind === 'insert' ? row.identity.id : row.runId;
  const ctes: SQL[] = [rowCte(change)];
  if (row.kind === 'update' && row.attempt) {
    const end = row.attempt;
    ctes.push(sql`att as (
      update step_attempts set outcome = ${end.outcome}, error = ${jsonb(end.error)},
        logs = logs || ${JSON.stringify(end.logs)}::jsonb, ended_at = now()
      where id = ${end.id} and exists (select 1 from w))`);
  }
  if (t) {
    ctes.push(sql`tr as (
      insert into transitions (run_id, run_version, from_state, event, to_state, actor, duration_ms)
      select ${runId}::uuid, version, ${t.fromState}, ${t.event}, ${t.toState}, ${t.actor}, ${t.durationMs}::int
      from w)`);
  }
  if (a) {
    ctes.push(sql`aud as (
      insert into audit_events (actor, actor_role, action, run_id, target, reason, outcome, ip, details)
      select ${a.actor}, ${a.actorRole}, ${a.action}, ${runId}::uuid, ${`run:${runId}`},
        ${a.reason}, 'accepted', ${a.ip}, ${jsonb(a.details)} from w)`);
  }
  const hasJobs = change.jobs.length > 0;
  if (hasJobs) {
    ctes.push(sql`jobs as (
      select graphile_worker.add_jobs(
        array(select json_populate_recordset(null::graphile_worker.job_spec, ${jobSpecsJson(change.jobs)}::json))
      ) as job from w)`);
  }
  ctes.push(sql`note as (select pg_notify(${RUN_CHANGES_CHANNEL}, ${JSON.stringify(change.notice)}) from w)`);
  // Plain SELECT CTEs only run when referenced: count them in the final select.
  const [written] = await db.execute<{
    version: number | null;
    created_at: string | Date | null;
    updated_at: string | Date | null;
  }>(sql`
    with ${sql.join(ctes, sql`, `)}
    select (select version from w) as version, (select created_at from w) as created_at,
      (select updated_at from w) as updated_at, (select count(*) from note) as notes
      ${hasJobs ? sql`, (select count(*) from jobs) as jobs` : sql``}`);
  if (!written || written.version === null || !written.created_at || !written.updated_at) return undefined;
  return {
    version: written.version,
    createdAt: new Date(written.created_at),
    updatedAt: new Date(written.updated_at),
  };
}
