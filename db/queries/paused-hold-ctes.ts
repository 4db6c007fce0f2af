import { type SQL, sql } from 'drizzle-orm';

/**
 * The part of a step claim that holds the step while its pipeline is paused: `paused` locks the
 * pipeline's control row (FOR SHARE) when it is paused, `hold` keeps the job in `held_steps`, and
 * the run shows `queued`. Resuming updates that row first (waiting for this lock), then releases
 * what is held in a later statement: a claim either sees the pause and its held row is released, or
 * sees the resume (FOR SHARE re-checks `paused_at` on the newest row) and runs — never neither.
 * `unqueue` sets a `queued` run back to `running` when its step starts after all.
 * Expects the CTE `inst` (the run, when the claimed step instance is current).
 */
export function pausedHoldCtes(claim: { runId: string; state: string; since: number; attempt: number }): SQL {
  const payload = JSON.stringify({
    runId: claim.runId,
    state: claim.state,
    since: claim.since,
    attempt: claim.attempt,
  });
  return sql`paused as (
      select c.pipeline_id from pipeline_controls c
      where c.pipeline_id = (select pipeline_id from inst) and c.paused_at is not null
      for share),
    hold as (
      insert into held_steps (run_id, pipeline_id, state, payload)
      select id, pipeline_id, ${claim.state}, ${payload}::jsonb from inst where exists (select 1 from paused)
      on conflict (run_id, state) do update set payload = excluded.payload
      returning id),
    queue as (
      update runs set status = 'queued'
      where id = ${claim.runId}::uuid and status = 'running' and exists (select 1 from hold)
      returning id),
    unqueue as (
      update runs set status = 'running'
      where id = ${claim.runId}::uuid and status = 'queued' and slot_seq is null
        and exists (select 1 from inst) and not exists (select 1 from paused)
      returning id)`;
}
