import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { isTerminal } from './run-record';
import {
  changeColumns,
  jobSpecRow,
  type RunChangeWrite,
  type RunWritten,
  splitHandedJob,
} from './write-run-change';

/**
 * A worker's step settlement: a compare-and-set of a run that closes the step attempt it ran, with
 * the transition row, the handed job, the next jobs, and its notice sent after the commit. No audit
 * row, no problem (a failing run goes alone through `writeRunChange`) and no concurrency slot.
 */
export type StepSettlementWrite = RunChangeWrite & {
  row: {
    kind: 'update';
    attempt: NonNullable<Extract<RunChangeWrite['row'], { kind: 'update' }>['attempt']>;
  };
};

/** Whether `writeStepSettlements` can write a change (else `writeRunChange` does). */
export const isStepSettlement = (change: RunChangeWrite): change is StepSettlementWrite =>
  change.row.kind === 'update' &&
  change.row.attempt !== undefined &&
  change.noticeAfterCommit === true &&
  change.problem === undefined &&
  change.audit === undefined &&
  change.waitsForSlot !== true;

/** One settlement as a row of the JSON recordset the statement reads. */
function settlementRow(change: StepSettlementWrite): Record<string, unknown> {
  const { row, handOff } = change;
  const { handed, queued } = splitHandedJob(change);
  return {
    ...changeColumns(change),
    run_id: row.runId,
    expected_version: row.expectedVersion,
    attempt_id: row.attempt.id,
    worker_id: row.attempt.workerId ?? null,
    outcome: row.attempt.outcome,
    attempt_error: row.attempt.error ?? null,
    logs: row.attempt.logs,
    terminal: isTerminal(change.update.status),
    pipeline_id: change.notice.pipelineId,
    locked_by: handOff?.lockedBy ?? null,
    handed: handed ? jobSpecRow(handed) : null,
    claim: (handed && handOff?.claim) ?? null,
    completes_job_id: handOff?.completesJobId ?? null,
    reuses_job: handed !== undefined && handOff?.completesOwnJob === true,
    jobs: queued.length > 0 ? queued.map(jobSpecRow) : null,
  };
}

/**
 * Step settlements of different runs as ONE statement, however many (a worker's group commit: one
 * round trip, one commit and one WAL flush for all), each the same change `writeRunChange` writes:
 * the run's compare-and-set (its expected version, its attempt still running and owned by the
 * worker), and only where that row was written, the attempt's end, the transition row, the next
 * step's job inserted locked by the worker with its attempt opened (see `core/runs/step-chain.ts`),
 * the deletion of the handed job the step ran under, and the other jobs (`graphile_worker.add_jobs`,
 * called only when there are some). One text whatever the number, so it is prepared once per
 * connection. Returns what each wrote, in order (undefined: nothing written for that run). The runs
 * must differ.
 */
export async function writeStepSettlements(
  db: Executor,
  changes: readonly StepSettlementWrite[],
): Promise<(RunWritten | undefined)[]> {
  const rows = JSON.stringify(changes.map(settlementRow));
  const [result] = await db.execute<{
    written:
      | {
          run_id: string;
          version: number;
          created_at: string;
          updated_at: string;
          handed_job_id: string | number | null;
          handed_attempt_id: number | null;
        }[]
      | null;
  }>(sql`
    with x as materialized (
      select * from json_to_recordset(${rows}::json) as x(run_id uuid, expected_version int,
        attempt_id bigint, worker_id text, outcome text, attempt_error jsonb, logs jsonb,
        state text, state_value jsonb, status text, terminal boolean, snapshot jsonb, active_steps jsonb,
        attempt_counters jsonb, error jsonb, failed_state text, retry_from jsonb, timers jsonb,
        finished_at timestamptz, from_state text, event text, to_state text, actor text, duration_ms int,
        to_value jsonb, context jsonb, context_patch jsonb, pipeline_id text, locked_by text,
        handed json, claim json, completes_job_id bigint, reuses_job boolean, jobs json)),
    w as (
      update runs r set
        state = x.state, state_value = x.state_value,
        -- A run waiting for a slot stays queued (and in its place) through any change short of finishing.
        status = case when x.terminal or r.slot_seq is null then x.status else 'queued' end,
        snapshot = x.snapshot, active_steps = x.active_steps, attempt_counters = x.attempt_counters,
        error = x.error, failed_state = x.failed_state, retry_from = x.retry_from, timers = x.timers,
        finished_at = x.finished_at, version = r.version + 1, updated_at = now(),
        slot_seq = case when x.terminal then null else r.slot_seq end
      from x
      -- The attempt's guard as a subquery per run (one index probe each), never a join over step_attempts.
      where r.id = x.run_id and r.version = x.expected_version
        and (select a.outcome = 'running' and (x.worker_id is null or a.worker_id = x.worker_id)
          from step_attempts a where a.id = x.attempt_id)
      returning r.id, r.version, r.created_at, r.updated_at),
    wx as materialized (select x.*, w.version as new_version, w.created_at, w.updated_at
      from w join x on x.run_id = w.id),
    att as (
      update step_attempts a set outcome = wx.outcome, error = wx.attempt_error, logs = a.logs || wx.logs,
        ended_at = now()
      from wx where a.id = wx.attempt_id),
    tr as (
      insert into transitions (run_id, run_version, from_state, event, to_state, actor, duration_ms,
        state_value, context, context_patch)
      select run_id, new_version, from_state, event, to_state, actor, duration_ms, to_value, context,
        context_patch
      from wx where event is not null),
    -- The next step's job, locked by this worker at once (attempts counted, as get_job does), priority
    -- -1 (released, a run under way goes first). No task row yet, or a paused pipeline: it goes to
    -- the queue below instead.
    hand_on as (
      select wx.run_id, wx.handed, wx.locked_by, wx.completes_job_id, wx.reuses_job, t.id as task_id
      from wx join graphile_worker._private_tasks t on t.identifier = wx.handed ->> 'identifier'
      where wx.handed is not null
        and not exists (select 1 from pipeline_controls pc
          where pc.pipeline_id = wx.pipeline_id and pc.paused_at is not null)),
    -- The chain's own job (not one a queue runner will complete) becomes the next step's job:
    -- one row updated in place instead of one deleted and one inserted.
    reused as (
      update graphile_worker._private_jobs j set task_id = h.task_id, payload = h.handed -> 'payload',
        max_attempts = (h.handed ->> 'max_attempts')::int, attempts = 1, priority = -1,
        locked_at = now(), updated_at = now(), last_error = null
      from hand_on h
      where h.reuses_job and j.id = h.completes_job_id and j.locked_by = h.locked_by
      returning j.id, h.run_id),
    inserted as (
      insert into graphile_worker._private_jobs (task_id, payload, max_attempts, attempts, priority,
        locked_at, locked_by)
      select h.task_id, h.handed -> 'payload', (h.handed ->> 'max_attempts')::int, 1, -1, now(), h.locked_by
      from hand_on h where not exists (select 1 from reused r where r.run_id = h.run_id)
      returning id, (payload ->> 'runId')::uuid as run_id),
    handed as (select id, run_id from reused union all select id, run_id from inserted),
    -- The handed step's attempt, opened for the worker and committed with the transition.
    handed_attempt as (
      insert into step_attempts (run_id, state, step, attempt, run_version, worker_id, claim_seq,
        idempotency_key, outcome)
      select wx.run_id, c.state, c.step, c.attempt, wx.new_version, c."workerId", c."claimSeq",
        c."idempotencyKey", 'running'
      from wx join handed h on h.run_id = wx.run_id
        cross join lateral json_to_record(wx.claim) as c(state text, step text, attempt int,
          "workerId" text, "claimSeq" int, "idempotencyKey" text)
      where wx.claim is not null
      on conflict (run_id, state, attempt) do nothing
      returning id, run_id),
    completed as (
      delete from graphile_worker._private_jobs j using wx
      where j.id = wx.completes_job_id and j.locked_by = wx.locked_by
        and not exists (select 1 from reused r where r.run_id = wx.run_id)
      returning j.id),
    specs (spec) as (
      select s from wx cross join lateral json_populate_recordset(null::graphile_worker.job_spec, wx.jobs) s
      where wx.jobs is not null
      union all
      select json_populate_record(null::graphile_worker.job_spec, wx.handed) from wx
      where wx.handed is not null and not exists (select 1 from handed h where h.run_id = wx.run_id)),
    -- add_jobs wakes the queue's runners even for an empty array: only called with jobs.
    jobs as (
      select graphile_worker.add_jobs(array(select spec from specs)) as job
      where exists (select 1 from specs))
    select (select json_agg(json_build_object('run_id', wx.run_id, 'version', wx.new_version,
        'created_at', wx.created_at, 'updated_at', wx.updated_at,
        'handed_job_id', (select h.id from handed h where h.run_id = wx.run_id),
        'handed_attempt_id', (select a.id from handed_attempt a where a.run_id = wx.run_id)))
      from wx) as written,
      (select count(*) from completed) as completed, (select count(*) from jobs) as jobs`);
  const byRun = new Map((result?.written ?? []).map((w) => [w.run_id, w]));
  return changes.map((change) => {
    const w = byRun.get(change.row.runId);
    if (!w) return undefined;
    return {
      version: w.version,
      createdAt: new Date(w.created_at),
      updatedAt: new Date(w.updated_at),
      ...(w.handed_job_id !== null && { handedJobId: String(w.handed_job_id) }),
      ...(w.handed_attempt_id !== null && { handedAttemptId: Number(w.handed_attempt_id) }),
    };
  });
}
