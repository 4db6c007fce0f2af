import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { jsonb } from './json-param';
import type { PipelineControl } from './select-pipeline-controls';

export interface PauseWrite {
  pipelineId: string;
  actor: string;
  actorRole: string | null;
  ip: string | null;
  reason: string;
}

/**
 * Pauses a pipeline and audits it in one statement. Returns the pause, or undefined when the
 * pipeline was paused already (nothing written).
 */
export async function pausePipelineControl(
  db: Executor,
  p: PauseWrite,
): Promise<PipelineControl | undefined> {
  const [row] = await db.execute<{
    pipelineId: string;
    pausedAt: string;
    pausedBy: string;
    reason: string;
  }>(sql`
    with c as (
      insert into pipeline_controls (pipeline_id, paused_at, paused_by, pause_reason, updated_at)
      values (${p.pipelineId}, now(), ${p.actor}, ${p.reason}, now())
      on conflict (pipeline_id) do update set paused_at = now(), paused_by = excluded.paused_by,
        pause_reason = excluded.pause_reason, updated_at = now()
      where pipeline_controls.paused_at is null
      returning pipeline_id, paused_at, paused_by, pause_reason),
    aud as (
      insert into audit_events (actor, actor_role, action, target, reason, outcome, ip, details)
      select ${p.actor}, ${p.actorRole}, 'pipeline.pause', 'pipeline:' || pipeline_id, ${p.reason}, 'accepted',
        ${p.ip}, ${jsonb({ pipelineId: p.pipelineId })} from c)
    select pipeline_id as "pipelineId", paused_at as "pausedAt", paused_by as "pausedBy", pause_reason as reason
    from c`);
  return row && { ...row, pausedAt: new Date(row.pausedAt) };
}
