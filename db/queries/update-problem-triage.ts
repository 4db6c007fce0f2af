import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import type { ProblemStatus } from '../schema';
import { jsonb } from './json-param';

export interface TriageWrite {
  problemId: number;
  from: ProblemStatus;
  to: ProblemStatus;
  note: string | null;
  actor: string;
  actorRole: string | null;
  ip: string | null;
}

/**
 * Moves a problem from the status it was read in to another, with who, when and the note, and audits
 * it, in one statement. False when the problem changed meanwhile (nothing written).
 */
export async function updateProblemTriage(db: Executor, t: TriageWrite): Promise<boolean> {
  const [row] = await db.execute<{ n: number }>(sql`
    with u as (
      update problems set status = ${t.to}, triaged_by = ${t.actor}, triaged_at = now(), triage_note = ${t.note}
      where id = ${t.problemId} and status = ${t.from}
      returning id, pipeline_id),
    aud as (
      insert into audit_events (actor, actor_role, action, target, reason, outcome, ip, details)
      select ${t.actor}, ${t.actorRole}, 'problem.triage', 'problem:' || id, ${t.note}, 'accepted', ${t.ip},
        ${jsonb({ from: t.from, to: t.to })}::jsonb || jsonb_build_object('pipelineId', pipeline_id) from u)
    select count(*)::int as n from u`);
  return (row?.n ?? 0) > 0;
}
