import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { jsonb } from './json-param';
import { RUN_CHANGES_CHANNEL } from './notify-run-changed';
import type { AttemptEnd } from './write-run-change';

/**
 * Closes an attempt that is still running, outside a transition (aborted, interrupted, superseded),
 * and sends the run's change notice so consoles refresh its attempts. With `workerId`, only while
 * that worker still owns it (a peer may have taken it over after declaring this worker dead).
 * Returns false when it was closed already (a duplicate execution of the same job) or taken over.
 */
export async function finishAttempt(
  db: Executor,
  id: number,
  end: AttemptEnd,
  workerId?: string,
): Promise<boolean> {
  const [row] = await db.execute<{ closed: string | number }>(sql`
    with a as (
      update step_attempts set outcome = ${end.outcome}, error = ${jsonb(end.error)},
        logs = logs || ${JSON.stringify(end.logs)}::jsonb, ended_at = now()
      where id = ${id} and outcome = 'running' ${workerId === undefined ? sql`` : sql`and worker_id = ${workerId}`}
      returning run_id),
    note as (
      select pg_notify(${RUN_CHANGES_CHANNEL}, json_build_object('runId', r.id, 'pipelineId', r.pipeline_id,
        'state', r.state, 'status', r.status, 'version', r.version)::text)
      from runs r join a on r.id = a.run_id)
    select (select count(*) from a) as closed, (select count(*) from note) as notes`);
  return Number(row?.closed ?? 0) > 0;
}
