import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import type { RunListRow } from './select-run-page';

/** A run of a problem, as lists show it: a runs-list row without its paging key. */
export type ProblemRunRow = Omit<RunListRow, 'key'>;

/**
 * Runs of a problem: the newest occurrences' runs (`sample`), or the runs failed now whose latest
 * failure is this problem (`failed`: what a bulk retry retries), newest first.
 */
export async function selectProblemRuns(
  db: Executor,
  problemId: number,
  which: 'sample' | 'failed',
  limit: number,
): Promise<ProblemRunRow[]> {
  const rows = await db.execute<Record<string, unknown>>(sql`
    with latest as (
      select distinct on (o.run_id) o.run_id, o.problem_id, o.id from problem_occurrences o
      where o.run_id in (select run_id from problem_occurrences where problem_id = ${problemId})
      order by o.run_id, o.id desc)
    select r.id, r.pipeline_id as "pipelineId", r.pipeline_version as "pipelineVersion", r.state, r.status,
      r.version, r.idempotency_key as "idempotencyKey", r.failed_state as "failedState",
      r.error ->> 'message' as "errorMessage", r.created_at as "createdAt", r.updated_at as "updatedAt",
      r.finished_at as "finishedAt"
    from latest join runs r on r.id = latest.run_id
    where ${which === 'failed' ? sql`latest.problem_id = ${problemId} and r.status = 'failed'` : sql`true`}
    order by latest.id desc
    limit ${limit}`);
  return rows.map((r) => ({
    ...(r as unknown as ProblemRunRow),
    createdAt: new Date(r.createdAt as string),
    updatedAt: new Date(r.updatedAt as string),
    finishedAt: r.finishedAt ? new Date(r.finishedAt as string) : null,
  }));
}
