import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import type { JobSpec } from './add-step-jobs';
import type { AttemptEnd } from './finish-attempt';
import type { NewAuditEvent } from './insert-audit-event';
import { jsonb, timestamptz } from './json-param';
import { RUN_CHANGES_CHANNEL, type RunChangedNotice } from './notify-run-changed';
import type { RunUpdate } from './run-record';

export interface RunChangeWrite {
  runId: string;
  expectedVersion: number;
  update: RunUpdate;
  /** Close this attempt too; nothing is written unless it is still running (a duplicate job). */
  attempt?: { id: number } & AttemptEnd;
  transition?: {
    fromState: string | null;
    event: string;
    toState: string;
    actor: string;
    durationMs: number | null;
  };
  audit?: Omit<NewAuditEvent, 'runId' | 'outcome'>;
  jobs: readonly JobSpec[];
  notice: RunChangedNotice;
}

export const jobSpecsJson = (jobs: readonly JobSpec[]) =>
  JSON.stringify(
    jobs.map((job) => ({
      identifier: job.task,
      payload: job.payload,
      run_at: job.runAt?.toISOString() ?? null,
      max_attempts: job.maxAttempts,
    })),
  );

/**
 * One change of a run as ONE statement (one round trip, atomic without BEGIN/COMMIT): compare-and-set
 * of the run on `version`, then, only if that row was updated, the attempt's end, the transition
 * row, the audit row, the next jobs (`graphile_worker.add_jobs`) and the NOTIFY. Returns the new
 * version, or undefined when the compare-and-set (or the attempt guard) lost and nothing was written.
 */
export async function writeRunChange(db: Executor, change: RunChangeWrite): Promise<number | undefined> {
  const { update: u, attempt, transition: t, audit: a } = change;
  const attemptGuard = attempt
    ? sql`and exists (select 1 from step_attempts where id = ${attempt.id} and outcome = 'running')`
    : sql``;
  const ctes: SQL[] = [
    sql`upd as (
      update runs set
        state = ${u.state}, state_value = ${jsonb(u.stateValue)}, status = ${u.status},
        snapshot = ${jsonb(u.snapshot)}, active_steps = ${jsonb(u.activeSteps)},
        attempt_counters = ${jsonb(u.attemptCounters)}, error = ${jsonb(u.error)},
        failed_state = ${u.failedState}, finished_at = ${timestamptz(u.finishedAt)},
        version = version + 1, updated_at = now()
      where id = ${change.runId}::uuid and version = ${change.expectedVersion} ${attemptGuard}
      returning version)`,
  ];
  if (attempt) {
    ctes.push(sql`att as (
      update step_attempts set outcome = ${attempt.outcome}, error = ${jsonb(attempt.error)},
        logs = logs || ${JSON.stringify(attempt.logs)}::jsonb, ended_at = now()
      where id = ${attempt.id} and exists (select 1 from upd))`);
  }
  if (t) {
    ctes.push(sql`tr as (
      insert into transitions (run_id, run_version, from_state, event, to_state, actor, duration_ms)
      select ${change.runId}::uuid, version, ${t.fromState}, ${t.event}, ${t.toState}, ${t.actor}, ${t.durationMs}::int
      from upd)`);
  }
  if (a) {
    ctes.push(sql`aud as (
      insert into audit_events (actor, actor_role, action, run_id, target, reason, outcome, ip, details)
      select ${a.actor}, ${a.actorRole ?? null}, ${a.action}, ${change.runId}::uuid, ${`run:${change.runId}`},
        ${a.reason}, 'accepted', ${a.ip ?? null}, ${jsonb(a.details)} from upd)`);
  }
  const hasJobs = change.jobs.length > 0;
  if (hasJobs) {
    ctes.push(sql`jobs as (
      select graphile_worker.add_jobs(
        array(select json_populate_recordset(null::graphile_worker.job_spec, ${jobSpecsJson(change.jobs)}::json))
      ) as job from upd)`);
  }
  ctes.push(
    sql`note as (select pg_notify(${RUN_CHANGES_CHANNEL}, ${JSON.stringify(change.notice)}) from upd)`,
  );
  // Plain SELECT CTEs only run when referenced: count them in the final select.
  const [row] = await db.execute<{ version: number | null }>(sql`
    with ${sql.join(ctes, sql`, `)}
    select (select version from upd) as version,
      (select count(*) from note) as notes
      ${hasJobs ? sql`, (select count(*) from jobs) as jobs` : sql``}`);
  return row?.version ?? undefined;
}
