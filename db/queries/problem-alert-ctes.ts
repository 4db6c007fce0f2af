import { type SQL, sql } from 'drizzle-orm';
import { addAlertJobsSql } from './alert-jobs';
import type { ProblemOccurrence } from './problem-occurrence-ctes';

/**
 * The CTEs that alert on a failing change, after `problemCtes` (`prob`): a delivery for every enabled
 * webhook that subscribed to what happened (the problem opened, reopened, a run of the pipeline
 * failed) and takes alerts about this pipeline, each with its job. In the transition's statement: no
 * alert is lost, and none is sent for a change that did not commit. The facts are ids, names,
 * states and counts, never the error's message (it may quote payload).
 */
export function problemAlertCtes(runId: string, p: ProblemOccurrence): SQL[] {
  return [
    sql`alert as (
      insert into alert_deliveries (webhook_id, kind, event)
      select wh.id, e.kind, jsonb_build_object(
        'run', jsonb_build_object('id', ${runId}::text, 'pipelineId', ${p.pipelineId}::text,
          'pipelineVersion', ${p.pipelineVersion}::int, 'failedState', ${p.failedState}::text),
        'problem', jsonb_build_object('id', prob.id, 'pipelineId', ${p.pipelineId}::text,
          'failedState', ${p.failedState}::text, 'errorName', ${p.errorName}::text,
          'occurrences', prob.occurrences, 'reopenCount', prob.reopen_count))
      from prob
        cross join (values ('problem_opened'), ('problem_reopened'), ('run_failed')) as e(kind)
        join webhooks wh on wh.enabled and e.kind = any(wh.events)
          and (cardinality(wh.pipeline_ids) = 0 or ${p.pipelineId}::text = any(wh.pipeline_ids))
      where e.kind = 'run_failed' or (e.kind = 'problem_opened' and prob.opened)
        or (e.kind = 'problem_reopened' and prob.reopened)
      returning id)`,
    sql`alert_jobs as (${addAlertJobsSql('alert')})`,
  ];
}
