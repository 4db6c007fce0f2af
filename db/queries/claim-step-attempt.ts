import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { pausedHoldCtes } from './paused-hold-ctes';
import type { RunRecord } from './run-record';

export interface StepClaim {
  runId: string;
  state: string;
  since: number;
  attempt: number;
  workerId: string;
  idempotencyKey: string;
  /** The worker's heartbeat sequence when it sent this claim (see `ActiveAttempts`). */
  claimSeq: number;
  /**
   * A job offered directly (a `StepOffer`): locked for `lockedBy`, the worker's
   * graphile-worker pool, in the same statement, as graphile-worker's `get_job` would; the claim only
   * happens if this worker got the job. Committed synchronously, like `get_job`.
   */
  lockJob?: { jobId: string; lockedBy: string };
}

export interface ClaimResult {
  run: RunRecord | undefined;
  /** Undefined when the job is stale, or the attempt is running elsewhere (`busyWith`). */
  attemptId: number | undefined;
  /** The live worker that runs this attempt now: the claim was refused. */
  busyWith?: string;
  /** The pipeline is paused: the job was kept in `held_steps` (the run shows `queued`). */
  held?: boolean;
  /** With `lockJob`: this worker locked the job (false: another worker or runner has it). */
  jobLocked?: boolean;
}

/**
 * Reads the run and, if the step instance is still current (live run, same `since` and attempt),
 * opens its attempt row — in one round trip. A job that runs again after a crash or a shutdown reuses the row of the attempt it was
 * interrupted in. An attempt still `running` on another worker is only taken over when that worker
 * is known dead (its heartbeat row is gone: a peer's sweep released it) or known not to be executing
 * it any more (it has beaten since it claimed the attempt, without listing it); otherwise the claim
 * is refused, so one step instance never runs on two live workers at once.
 * `held`: its pipeline is paused, and the job is kept in `held_steps` until it resumes.
 *
 * No NOTIFY here (the caller announces the attempt, batched): a commit that sends one takes
 * PostgreSQL's NOTIFY queue lock and holds it until its WAL is flushed, so every step would wait in
 * line twice behind every transition in the database. The start is committed asynchronously (not
 * waiting for its flush): it is bookkeeping. Should PostgreSQL crash before the flush, the row is
 * missing, the transition that ends the attempt finds no running attempt and writes nothing, and the
 * job runs the step again. The job itself stays locked by this worker (its lock was committed
 * synchronously by the queue), so no other worker can claim the lost attempt meanwhile.
 * Transitions stay synchronous.
 */
export async function claimStepAttempt(db: Executor, claim: StepClaim): Promise<ClaimResult> {
  type Row = Omit<RunRecord, 'createdAt' | 'updatedAt' | 'finishedAt'> & {
    createdAt: string;
    updatedAt: string;
    finishedAt: string | null;
    attemptId: number | string | null;
    busyWith: string | null;
    async: unknown;
    held: number;
    unqueued: unknown;
    jobLocked: number | null;
  };
  const lock = claim.lockJob;
  const [row] = await db.execute<Row & Record<string, unknown>>(sql`
    with ${
      lock
        ? sql`lk as (
      update graphile_worker._private_jobs set attempts = attempts + 1, locked_at = now(),
        locked_by = ${lock.lockedBy}, updated_at = now()
      where id = (select id from graphile_worker._private_jobs where id = ${lock.jobId}::bigint
          and locked_at is null and job_queue_id is null and run_at <= now() and attempts < max_attempts
        for update skip locked)
      returning id),
    r as (select * from runs where id = ${claim.runId}::uuid and exists (select 1 from lk)),`
        : sql`r as (select * from runs where id = ${claim.runId}::uuid),`
    }
    inst as (
      select * from r
      where status in ('queued', 'running', 'waiting')
        and (active_steps -> ${claim.state} ->> 'since')::int = ${claim.since}
        and (active_steps -> ${claim.state} ->> 'attempt')::int = ${claim.attempt}),
    ${pausedHoldCtes(claim)},
    cur as (select * from inst where not exists (select 1 from paused)),
    att as (
      insert into step_attempts (run_id, state, step, attempt, run_version, worker_id, claim_seq,
        idempotency_key, outcome)
      select id, ${claim.state}, active_steps -> ${claim.state} ->> 'step', ${claim.attempt}, version,
        ${claim.workerId}, ${claim.claimSeq}, ${claim.idempotencyKey}, 'running'
      from cur
      on conflict (run_id, state, attempt) do update set
        outcome = 'running', worker_id = excluded.worker_id, claim_seq = excluded.claim_seq,
        run_version = excluded.run_version, started_at = now(), ended_at = null, error = null
      where step_attempts.outcome <> 'running'
        or step_attempts.worker_id is null
        or step_attempts.worker_id = excluded.worker_id
        or not exists (select 1 from worker_heartbeats h
          where h.worker_id = step_attempts.worker_id
            and (step_attempts.idempotency_key = any(h.running_steps)
              or coalesce(step_attempts.claim_seq, 0) >= h.beat_seq))
      returning id),
    -- Committed without waiting for its WAL flush (see above); a job lock is not.
    async as (select set_config('synchronous_commit', 'off', true) where ${!lock}::boolean)
    select id, pipeline_id as "pipelineId", pipeline_version as "pipelineVersion", state,
      state_value as "stateValue", status, snapshot, input, idempotency_key as "idempotencyKey",
      active_steps as "activeSteps", attempt_counters as "attemptCounters", error, failed_state as "failedState",
      retry_from as "retryFrom", timers, version, created_at as "createdAt", updated_at as "updatedAt", finished_at as "finishedAt",
      (select id from att) as "attemptId",
      -- A current step whose attempt could not be claimed is running elsewhere (the row may be one this
      -- statement's snapshot does not show yet: a claim that committed while this one waited on it).
      case when exists (select 1 from cur) and not exists (select 1 from att) then
        coalesce((select a.worker_id from step_attempts a
          where a.run_id = r.id and a.state = ${claim.state} and a.attempt = ${claim.attempt}), 'another worker')
      end as "busyWith",
      (select count(*) from async) as async,
      (select count(*) from hold)::int as held, (select count(*) from unqueue) as unqueued,
      ${lock ? sql`(select count(*) from lk)::int` : sql`null::int`} as "jobLocked"
    from (select 1) one left join r on true`);
  if (!row || row.id === null)
    return { run: undefined, attemptId: undefined, ...(lock && { jobLocked: row?.jobLocked === 1 }) };
  // Raw rows keep timestamps as text (drizzle maps them only in typed queries).
  const {
    attemptId,
    busyWith,
    createdAt,
    updatedAt,
    finishedAt,
    async: _async,
    held,
    unqueued: _u,
    jobLocked,
    ...rest
  } = row;
  const run: RunRecord = {
    ...rest,
    createdAt: new Date(createdAt),
    updatedAt: new Date(updatedAt),
    finishedAt: finishedAt === null ? null : new Date(finishedAt),
  };
  return {
    run,
    attemptId: attemptId === null ? undefined : Number(attemptId),
    ...(busyWith === null ? {} : { busyWith }),
    ...(held > 0 ? { held: true } : {}),
    ...(lock && { jobLocked: jobLocked === 1 }),
  };
}
