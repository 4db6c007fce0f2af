import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import type { RunStatus } from '../schema';
import { RUN_CHANGES_CHANNEL } from './notify-run-changed';

export interface SlotFill {
  pipelineId: string;
  keys: readonly string[];
  /** Live runs allowed per key. */
  limit: number;
  /** graphile-worker task names and attempts, as the engine enqueues steps and timers. */
  stepTask: string;
  timerTask: string;
  maxAttempts: number;
}

/**
 * Starts the runs waiting for a slot of these keys, oldest first, while the key has fewer than
 * `limit` live runs and the pipeline is not paused: each goes `running` (`waiting` when it has no
 * step), its step jobs and timer jobs (made from its active steps and timers, as the change that
 * queued it would have made them) are enqueued, and it is NOTIFYed. Call it under `lockSlotKeys` of
 * the same keys (or `lockPipelineSlots`), in a statement after the lock (and after the change that freed a slot). Returns the
 * runs it started with their new status.
 */
export async function fillConcurrencySlots(
  db: Executor,
  f: SlotFill,
): Promise<{ runId: string; status: RunStatus }[]> {
  if (f.keys.length === 0) return [];
  const keys = JSON.stringify([...new Set(f.keys)]);
  const [row] = await db.execute<{ started: { runId: string; status: RunStatus }[] | null }>(sql`
    -- A resume holds the pipeline's slot lock exclusively: one committed before the lock is seen here.
    with paused as (
      select c.pipeline_id from pipeline_controls c
      where c.pipeline_id = ${f.pipelineId} and c.paused_at is not null),
    live as (
      select id, concurrency_key as k, slot_seq from runs
      where pipeline_id = ${f.pipelineId} and concurrency_key in (select json_array_elements_text(${keys}::json))
        and status in ('queued', 'running', 'waiting')),
    free as (
      select k, ${f.limit}::int - count(*) filter (where slot_seq is null) as n from live group by k),
    pick as (
      select w.id, w.slot_seq from (
        select id, k, slot_seq, row_number() over (partition by k order by slot_seq) as rn
        from live where slot_seq is not null) w
      join free using (k)
      where w.rn <= free.n and not exists (select 1 from paused)),
    u as (
      update runs r set status = case when r.active_steps = '{}'::jsonb then 'waiting' else 'running' end,
        slot_seq = null
      from pick where r.id = pick.id and r.status = 'queued'
      returning r.id, r.pipeline_id, r.state, r.status, r.version, r.active_steps, r.timers, pick.slot_seq),
    specs as (
      select u.slot_seq, 0 as kind, json_build_object('identifier', ${f.stepTask}::text,
        'payload', json_build_object('runId', u.id, 'state', s.key, 'since', (s.value ->> 'since')::int,
          'attempt', (s.value ->> 'attempt')::int),
        'max_attempts', ${f.maxAttempts}::int) as spec
      from u cross join lateral jsonb_each(u.active_steps) s
      union all
      select u.slot_seq, 1, json_build_object('identifier', ${f.timerTask}::text,
        'payload', json_build_object('runId', u.id, 'event', t.key, 'since', (t.value ->> 'since')::int,
          'dueAt', t.value ->> 'dueAt'),
        'run_at', t.value ->> 'dueAt', 'max_attempts', ${f.maxAttempts}::int)
      from u cross join lateral jsonb_each(u.timers) t
      where t.value ->> 'dueAt' is not null),
    jobs as (
      -- In queue order: graphile-worker takes jobs due at the same time by id.
      select graphile_worker.add_jobs(array(
        select json_populate_record(null::graphile_worker.job_spec, spec) from specs order by slot_seq, kind)) as job
      where exists (select 1 from specs)),
    note as (
      select pg_notify(${RUN_CHANGES_CHANNEL}, json_build_object('runId', id, 'pipelineId', pipeline_id,
        'state', state, 'status', status, 'version', version)::text) from u)
    select (select json_agg(json_build_object('runId', id, 'status', status) order by slot_seq) from u) as started,
      (select count(*) from jobs) as jobs, (select count(*) from note) as notes`);
  return row?.started ?? [];
}

/** The keys of a pipeline that have runs waiting for a slot. */
export async function selectWaitingSlotKeys(db: Executor, pipelineId: string): Promise<string[]> {
  const rows = await db.execute<{ key: string }>(sql`
    select distinct concurrency_key as key from runs
    where pipeline_id = ${pipelineId} and concurrency_key is not null and slot_seq is not null
      and status = 'queued'`);
  return rows.map((r) => r.key);
}
