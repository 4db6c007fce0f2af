import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import type { JobSpec } from './add-step-jobs';
import { jsonb, timestamptz } from './json-param';
import { RUN_CHANGES_CHANNEL } from './notify-run-changed';
import type { NewRun } from './run-record';
import { jobSpecsJson } from './write-run-change';

export interface StartedRun {
  run: NewRun;
  actor: string;
  actorRole: string | null;
  ip: string | null;
  jobs: readonly JobSpec[];
  auditDetails: Record<string, unknown>;
}

/**
 * Inserts a new run with its first transition, audit row, first jobs and NOTIFY, as one statement.
 * Returns the creation time, or undefined when the pipeline's idempotency key is already taken
 * (then nothing was written).
 */
export async function insertStartedRun(db: Executor, start: StartedRun): Promise<Date | undefined> {
  const { run } = start;
  const notice = JSON.stringify({
    runId: run.id,
    pipelineId: run.pipelineId,
    state: run.state,
    status: run.status,
    version: 1,
  });
  const hasJobs = start.jobs.length > 0;
  const [row] = await db.execute<{ created_at: string | Date | null }>(sql`
    with ins as (
      insert into runs (id, pipeline_id, pipeline_version, state, state_value, status, snapshot, input,
        idempotency_key, active_steps, attempt_counters, error, failed_state, version, finished_at)
      values (${run.id}::uuid, ${run.pipelineId}, ${run.pipelineVersion}, ${run.state}, ${jsonb(run.stateValue)},
        ${run.status}, ${jsonb(run.snapshot)}, ${jsonb(run.input)}, ${run.idempotencyKey},
        ${jsonb(run.activeSteps)}, ${jsonb(run.attemptCounters)}, ${jsonb(run.error)}, ${run.failedState}, 1,
        ${timestamptz(run.finishedAt)})
      on conflict (pipeline_id, idempotency_key) where idempotency_key is not null do nothing
      returning created_at),
    tr as (
      insert into transitions (run_id, run_version, from_state, event, to_state, actor, duration_ms)
      select ${run.id}::uuid, 1, null, 'signalbox.start', ${run.state}, ${start.actor}, null from ins),
    aud as (
      insert into audit_events (actor, actor_role, action, run_id, target, reason, outcome, ip, details)
      select ${start.actor}, ${start.actorRole}, 'run.start', ${run.id}::uuid, ${`run:${run.id}`}, null, 'accepted',
        ${start.ip}, ${jsonb(start.auditDetails)} from ins),
    ${
      hasJobs
        ? sql`jobs as (
      select graphile_worker.add_jobs(
        array(select json_populate_recordset(null::graphile_worker.job_spec, ${jobSpecsJson(start.jobs)}::json))
      ) as job from ins),`
        : sql``
    }
    note as (select pg_notify(${RUN_CHANGES_CHANNEL}, ${notice}) from ins)
    select (select created_at from ins) as created_at, (select count(*) from note) as notes
      ${hasJobs ? sql`, (select count(*) from jobs) as jobs` : sql``}`);
  const created = row?.created_at;
  return created ? new Date(created) : undefined;
}
