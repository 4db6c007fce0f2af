import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { addAlertJobsSql } from './alert-jobs';

/**
 * Alerts for runs that sat still too long, per webhook and its thresholds: `run_stuck` for a
 * running run with no transition for `stuck_after_minutes`, `run_waiting` for a run waiting for an
 * event for `waiting_after_minutes`. One alert per run and version (the dedupe key): a run that
 * moves on and sits still again is reported again. At most `limit` new ones per webhook and kind a
 * call, oldest first. Deliveries and their jobs in one statement. Answers how many were queued.
 */
export async function insertRunConditionAlerts(db: Executor, limit: number): Promise<number> {
  const [row] = await db.execute<{ alerts: number }>(sql`
    with cand as (
      select w.id as webhook_id, k.kind, k.threshold, r.id as run_id, r.pipeline_id, r.pipeline_version,
        r.state, r.status, r.version, r.updated_at
      from webhooks w
        cross join lateral (values ('run_stuck', 'running', w.stuck_after_minutes),
          ('run_waiting', 'waiting', w.waiting_after_minutes)) as k(kind, status, threshold)
        cross join lateral (
          select r.id, r.pipeline_id, r.pipeline_version, r.state, r.status, r.version, r.updated_at
          from runs r
          where r.status = k.status and r.updated_at < now() - make_interval(mins => k.threshold)
            and (cardinality(w.pipeline_ids) = 0 or r.pipeline_id = any(w.pipeline_ids))
            and not exists (select 1 from alert_deliveries d
              where d.webhook_id = w.id and d.dedupe_key = k.kind || ':' || r.id || ':' || r.version)
          order by r.updated_at
          limit ${limit}) r
      where w.enabled and k.kind = any(w.events)),
    ins as (
      insert into alert_deliveries (webhook_id, kind, event, dedupe_key)
      select webhook_id, kind, jsonb_build_object(
          'run', jsonb_build_object('id', run_id, 'pipelineId', pipeline_id, 'pipelineVersion', pipeline_version,
            'state', state, 'status', status, 'since', updated_at),
          'thresholdMinutes', threshold),
        kind || ':' || run_id || ':' || version
      from cand
      on conflict (webhook_id, dedupe_key) where dedupe_key is not null do nothing
      returning id),
    jobs as (${addAlertJobsSql('ins')})
    select (select count(*)::int from ins) as alerts, (select count(*) from jobs) as jobs`);
  return row?.alerts ?? 0;
}

/**
 * `no_live_worker` alerts when no worker has written a heartbeat for `silentMs` (the cluster's
 * pulse: the last beat of any worker). One per silence (the dedupe key is the last beat's time);
 * an installation whose workers never started sends none. Answers how many were queued.
 */
export async function insertWorkerSilenceAlerts(db: Executor, silentMs: number): Promise<number> {
  const [row] = await db.execute<{ alerts: number }>(sql`
    with silence as (
      select last_beat_at, extract(epoch from now() - last_beat_at)::int as silent_seconds
      from heartbeat_pulse where id = 1 and last_beat_at < now() - make_interval(secs => ${silentMs / 1000})),
    ins as (
      insert into alert_deliveries (webhook_id, kind, event, dedupe_key)
      select w.id, 'no_live_worker', jsonb_build_object('workers', jsonb_build_object(
          'lastHeartbeatAt', s.last_beat_at, 'silentSeconds', s.silent_seconds)),
        'no_live_worker:' || (extract(epoch from s.last_beat_at) * 1000)::bigint
      from silence s join webhooks w on w.enabled and 'no_live_worker' = any(w.events)
      on conflict (webhook_id, dedupe_key) where dedupe_key is not null do nothing
      returning id),
    jobs as (${addAlertJobsSql('ins')})
    select (select count(*)::int from ins) as alerts, (select count(*) from jobs) as jobs`);
  return row?.alerts ?? 0;
}
