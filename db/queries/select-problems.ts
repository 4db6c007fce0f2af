import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import type { ProblemStatus } from '../schema';

export interface ProblemRow {
  id: number;
  pipelineId: string;
  failedState: string;
  signature: string;
  errorName: string;
  sampleMessage: string;
  status: ProblemStatus;
  occurrences: number;
  failedRuns: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
  reopenedAt: Date | null;
  reopenCount: number;
  triagedBy: string | null;
  triagedAt: Date | null;
  triageNote: string | null;
  versions: number[];
  sparkline: number[];
}

export interface ProblemSelection {
  id?: number;
  statuses?: readonly ProblemStatus[];
  pipelineId?: string;
  limit: number;
  offset?: number;
  sparklineHours: number;
}

/**
 * Problems, newest failure first, with what the inbox shows: the runs failed now whose latest
 * failure is this problem, the versions that failed, and failures per hour (oldest hour first).
 */
export async function selectProblems(db: Executor, s: ProblemSelection): Promise<ProblemRow[]> {
  const where: SQL[] = [sql`true`];
  if (s.id !== undefined) where.push(sql`p.id = ${s.id}`);
  if (s.statuses) where.push(sql`p.status = any(${`{${s.statuses.join(',')}}`}::text[])`);
  if (s.pipelineId) where.push(sql`p.pipeline_id = ${s.pipelineId}`);
  const hours = s.sparklineHours;
  const rows = await db.execute<Record<string, unknown>>(sql`
    select p.id, p.pipeline_id as "pipelineId", p.failed_state as "failedState", p.signature,
      p.error_name as "errorName", p.sample_message as "sampleMessage", p.status, p.occurrences,
      p.first_seen_at as "firstSeenAt", p.last_seen_at as "lastSeenAt", p.reopened_at as "reopenedAt",
      p.reopen_count as "reopenCount", p.triaged_by as "triagedBy", p.triaged_at as "triagedAt",
      p.triage_note as "triageNote",
      (select count(*)::int from (
        select distinct on (o.run_id) o.run_id, o.problem_id from problem_occurrences o
        where o.run_id in (select run_id from problem_occurrences where problem_id = p.id)
        order by o.run_id, o.id desc) latest
        join runs r on r.id = latest.run_id
        where latest.problem_id = p.id and r.status = 'failed') as "failedRuns",
      array(select distinct pipeline_version from problem_occurrences where problem_id = p.id
        order by 1) as versions,
      array(select count(o.id)::int from generate_series(${hours - 1}::int, 0, -1) h
        left join problem_occurrences o on o.problem_id = p.id
          and o.at >= date_trunc('hour', now()) - h * interval '1 hour'
          and o.at < date_trunc('hour', now()) - (h - 1) * interval '1 hour'
        group by h order by h desc) as sparkline
    from problems p
    where ${sql.join(where, sql` and `)}
    order by p.last_seen_at desc, p.id desc
    limit ${s.limit} offset ${s.offset ?? 0}`);
  return rows.map((r) => ({
    ...(r as unknown as ProblemRow),
    id: Number(r.id),
    firstSeenAt: new Date(r.firstSeenAt as string),
    lastSeenAt: new Date(r.lastSeenAt as string),
    reopenedAt: r.reopenedAt ? new Date(r.reopenedAt as string) : null,
    triagedAt: r.triagedAt ? new Date(r.triagedAt as string) : null,
  }));
}

/** New and acknowledged problems. */
export async function countOpenProblems(db: Executor): Promise<number> {
  const [row] = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from problems where status in ('new', 'acknowledged')`,
  );
  return row?.n ?? 0;
}
