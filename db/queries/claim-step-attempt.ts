import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import type { RunRecord } from './run-record';

export interface StepClaim {
  runId: string;
  state: string;
  since: number;
  attempt: number;
  workerId: string;
  idempotencyKey: string;
}

/**
 * Reads the run and, if the step instance is still current (live run, same `since` and attempt),
 * opens its attempt row — in one round trip. A job that runs again after a crash reuses the row of
 * the attempt it was interrupted in. `attemptId` is undefined when the job is stale.
 *
 * No NOTIFY here (the caller announces the attempt, batched): a commit that sends one takes
 * PostgreSQL's NOTIFY queue lock and holds it until its WAL is flushed, so every step would wait in
 * line twice behind every transition in the database. The start is committed asynchronously (not
 * waiting for its flush): it is bookkeeping. Should PostgreSQL crash before the flush, the row is
 * missing, the transition that ends the attempt finds no running attempt and writes nothing, and the
 * job runs the step again. Transitions stay synchronous.
 */
export async function claimStepAttempt(
  db: Executor,
  claim: StepClaim,
): Promise<{ run: RunRecord | undefined; attemptId: number | undefined }> {
  type Row = Omit<RunRecord, 'createdAt' | 'updatedAt' | 'finishedAt'> & {
    createdAt: string;
    updatedAt: string;
    finishedAt: string | null;
    attemptId: number | string | null;
    async: unknown;
  };
  const [row] = await db.execute<Row & Record<string, unknown>>(sql`
    with r as (select * from runs where id = ${claim.runId}::uuid),
    cur as (
      select * from r
      where status in ('running', 'waiting')
        and (active_steps -> ${claim.state} ->> 'since')::int = ${claim.since}
        and (active_steps -> ${claim.state} ->> 'attempt')::int = ${claim.attempt}),
    att as (
      insert into step_attempts (run_id, state, step, attempt, run_version, worker_id, idempotency_key, outcome)
      select id, ${claim.state}, active_steps -> ${claim.state} ->> 'step', ${claim.attempt}, version,
        ${claim.workerId}, ${claim.idempotencyKey}, 'running'
      from cur
      on conflict (run_id, state, attempt) do update set
        outcome = 'running', worker_id = excluded.worker_id, run_version = excluded.run_version,
        started_at = now(), ended_at = null, error = null
      returning id),
    -- Committed without waiting for its WAL flush (see above).
    async as (select set_config('synchronous_commit', 'off', true))
    select id, pipeline_id as "pipelineId", pipeline_version as "pipelineVersion", state,
      state_value as "stateValue", status, snapshot, input, idempotency_key as "idempotencyKey",
      active_steps as "activeSteps", attempt_counters as "attemptCounters", error, failed_state as "failedState",
      retry_from as "retryFrom", timers, version, created_at as "createdAt", updated_at as "updatedAt", finished_at as "finishedAt",
      (select id from att) as "attemptId", (select count(*) from async) as async
    from r`);
  if (!row) return { run: undefined, attemptId: undefined };
  // Raw rows keep timestamps as text (drizzle maps them only in typed queries).
  const { attemptId, createdAt, updatedAt, finishedAt, async: _async, ...rest } = row;
  const run: RunRecord = {
    ...rest,
    createdAt: new Date(createdAt),
    updatedAt: new Date(updatedAt),
    finishedAt: finishedAt === null ? null : new Date(finishedAt),
  };
  return { run, attemptId: attemptId === null ? undefined : Number(attemptId) };
}
