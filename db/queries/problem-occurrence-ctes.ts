import { type SQL, sql } from 'drizzle-orm';

/** A failing run's entry in the failure inbox: which problem it belongs to and what to show of it. */
export interface ProblemOccurrence {
  pipelineId: string;
  pipelineVersion: number;
  failedState: string;
  /** Error name + normalized message: the grouping key within (pipeline, failed state). */
  signature: string;
  errorName: string;
  /** The failure's message as it was (payload: read models redact it). */
  message: string;
}

/**
 * The CTEs `writeRunChange` adds to a failing change (`prob` returns what the alerts of the change
 * need: see `problemAlertCtes`), run only when the run row `w` was written:
 * upsert the problem (a resolved one reopens: status back to `new`, `reopened_at` set) and add the
 * occurrence. One statement with the transition, so a failure is never missing from its problem.
 */
export function problemCtes(runId: string, p: ProblemOccurrence): SQL[] {
  return [
    sql`prob as (
      insert into problems (pipeline_id, failed_state, signature, error_name, sample_message, occurrences)
      select ${p.pipelineId}, ${p.failedState}, ${p.signature}, ${p.errorName}, ${p.message}, 1 from w
      on conflict (pipeline_id, failed_state, signature) do update set
        occurrences = problems.occurrences + 1, last_seen_at = now(),
        error_name = excluded.error_name, sample_message = excluded.sample_message,
        status = case when problems.status = 'resolved' then 'new' else problems.status end,
        reopened_at = case when problems.status = 'resolved' then now() else problems.reopened_at end,
        reopen_count = problems.reopen_count + (problems.status = 'resolved')::int
      -- Opened: inserted now. Reopened: this statement set reopened_at (to now(), as last_seen_at);
      -- a concurrent failure that waited for the reopening one sees an older reopened_at.
      returning id, occurrences, reopen_count, (xmax = 0) as opened,
        (xmax <> 0 and reopened_at is not distinct from last_seen_at) as reopened)`,
    sql`occ as (
      insert into problem_occurrences (problem_id, run_id, pipeline_version)
      select id, ${runId}::uuid, ${p.pipelineVersion}::int from prob)`,
  ];
}
