import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { jsonb } from './json-param';
import { RUN_CHANGES_CHANNEL } from './notify-run-changed';

export interface ResumeWrite {
  pipelineId: string;
  actor: string;
  actorRole: string | null;
  ip: string | null;
  reason: string | null;
  /** The step task and its graphile-worker attempts, as the engine enqueues steps. */
  stepTask: string;
  maxAttempts: number;
}

export interface Released {
  runs: number;
  steps: number;
}

/**
 * Resumes a pipeline in one transaction: first the control row (which waits for claims holding it
 * FOR SHARE, see `pausedHoldCtes`), then — in a later statement, so it sees every step held until
 * that moment — the held step jobs enqueued again in the order they were held, the queued runs set
 * back to `running` (each NOTIFYed), and the audit row. Undefined when the pipeline was not paused.
 */
export async function releasePausedPipeline(db: Executor, r: ResumeWrite): Promise<Released | undefined> {
  return db.transaction(async (tx) => {
    const [control] = await tx.execute<{ pausedAt: string }>(sql`
      update pipeline_controls set paused_at = null, paused_by = null, pause_reason = null, updated_at = now()
      where pipeline_id = ${r.pipelineId} and paused_at is not null
      returning updated_at as "pausedAt"`);
    if (!control) return undefined;
    const [released] = await tx.execute<{ steps: number; runs: number }>(sql`
      with h as (delete from held_steps where pipeline_id = ${r.pipelineId} returning id, payload),
      -- graphile-worker takes jobs by (priority, run_at), not by id: a microsecond apart keeps the order.
      specs as (
        select json_agg(json_build_object('identifier', ${r.stepTask}::text, 'payload', payload,
          'max_attempts', ${r.maxAttempts}::int, 'run_at', now() + n * interval '1 microsecond') order by n) as specs
        from (select payload, row_number() over (order by id) as n from h) o),
      jobs as (
        select graphile_worker.add_jobs(array(
          select json_populate_recordset(null::graphile_worker.job_spec, specs) from specs)) as job
        from specs where specs is not null),
      u as (
        -- Runs waiting for a concurrency slot stay queued: they get one through fillConcurrencySlots.
        update runs set status = 'running'
        where pipeline_id = ${r.pipelineId} and status = 'queued' and slot_seq is null
        returning id, pipeline_id, state, status, version),
      note as (
        select pg_notify(${RUN_CHANGES_CHANNEL}, json_build_object('runId', id, 'pipelineId', pipeline_id,
          'state', state, 'status', status, 'version', version)::text) from u),
      aud as (
        insert into audit_events (actor, actor_role, action, target, reason, outcome, ip, details)
        select ${r.actor}, ${r.actorRole}, 'pipeline.resume', ${`pipeline:${r.pipelineId}`}, ${r.reason},
          'accepted', ${r.ip},
          ${jsonb({ pipelineId: r.pipelineId })}::jsonb || jsonb_build_object('releasedRuns', (select count(*) from u),
            'releasedSteps', (select count(*) from h)))
      select (select count(*) from h)::int as steps, (select count(*) from u)::int as runs,
        (select count(*) from jobs) as jobs, (select count(*) from note) as notes`);
    return { runs: released?.runs ?? 0, steps: released?.steps ?? 0 };
  });
}
