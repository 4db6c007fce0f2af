import type postgres from 'postgres';

export interface SyntheticRunsOptions {
  /** How many runs. */
  runs: number;
  /** Transitions per run (default 10). */
  transitionsPerRun?: number;
  /** Step attempts per run (default 5). */
  attemptsPerRun?: number;
  /** Runs are spread over this many days before `now` (default 90). */
  days?: number;
  /** One operator retry in the audit log per this many runs (default: none). */
  auditEvery?: number;
  /** Runs are inserted in chunks of this size (each its own statement); default 100,000. */
  chunk?: number;
  now?: Date;
}

/**
 * The shape of a synthetic run, by its position in a cycle of 1,000: 900 succeeded, 60 failed,
 * 38 waiting, 1 running, 1 cancelled. Pipelines and states are those of the example pipelines, so
 * the console draws them; waiting runs are in the states that wait for an operator.
 */
const SHAPES_SQL = `
  select * from (values
    ('hello-etl',       'succeeded', 'done',              null::text),
    ('document-review', 'succeeded', 'published',         null),
    ('lab-results-csv', 'succeeded', 'completed',         null),
    ('fhir-bundle',     'succeeded', 'completed',         null),
    ('ingest-inbox',    'succeeded', 'done',              null),
    ('hello-etl',       'failed',    'failed',            'transforming'),
    ('lab-results-csv', 'failed',    'failed',            'parsing'),
    ('fhir-bundle',     'failed',    'failed',            'validating'),
    ('document-review', 'waiting',   'awaiting_approval', null),
    ('lab-results-csv', 'waiting',   'awaiting_review',   null),
    ('hello-etl',       'running',   'transforming',      null),
    ('lab-results-csv', 'cancelled', 'cancelled',         null)
  ) as s(pipeline_id, status, state, failed_state)`;

/**
 * Fills a database with a realistic history in set-based SQL (no engine calls): runs over the last
 * `days` days, each with its transitions and step attempts, some with idempotency keys. For scale
 * tests and `npm run bench:console`; never for a database that holds real runs.
 */
export async function seedSyntheticRuns(sql: postgres.Sql, options: SyntheticRunsOptions): Promise<void> {
  const transitions = options.transitionsPerRun ?? 10;
  const attempts = options.attemptsPerRun ?? 5;
  const days = options.days ?? 90;
  const chunk = options.chunk ?? 100_000;
  const now = (options.now ?? new Date()).toISOString();
  for (let from = 1; from <= options.runs; from += chunk) {
    const to = Math.min(options.runs, from + chunk - 1);
    await sql.begin(async (tx) => {
      await tx.unsafe(
        `
      create temporary table seeded on commit drop as
      with numbered as (
        select g, (g::bigint * 7919) % 1000 as slot from generate_series($1::int, $2::int) as g
      ), picked as (
        select g,
          case when slot < 900 then 'succeeded' when slot < 960 then 'failed'
               when slot < 998 then 'waiting' when slot < 999 then 'running' else 'cancelled' end as status
        from numbered
      ), shapes as (
        select s.*, row_number() over (partition by status order by pipeline_id) - 1 as n,
               count(*) over (partition by status) as of
        from (${SHAPES_SQL}) s
      )
      select gen_random_uuid() as id, p.g, sh.pipeline_id, sh.status, sh.state, sh.failed_state,
             -- In insertion order, as a live system writes them (the planner's correlation statistics).
             $3::timestamptz - ($4::int * interval '1 day') * (($5::int - p.g)::float8 / $5::int)
               + random() * interval '1 second' as created_at
      from picked p
      join shapes sh on sh.status = p.status and sh.n = p.g % sh.of`,
        [from, to, now, days, options.runs],
      );
      await tx.unsafe(
        `
      insert into runs (id, pipeline_id, pipeline_version, state, state_value, status, snapshot, input,
        idempotency_key, error, failed_state, retry_from, version, created_at, updated_at, finished_at)
      select id, pipeline_id, 1, state, to_jsonb(state),
        status,
        jsonb_build_object('value', state, 'context', jsonb_build_object('seq', g),
          'status', case when status in ('succeeded', 'failed', 'cancelled') then 'done' else 'active' end),
        jsonb_build_object('source', 'synthetic/' || g || '.csv', 'rows', 100),
        case when g % 10 = 0 then 'synthetic-' || g end,
        case when status = 'failed' then jsonb_build_object('kind', 'step_failed', 'step', 'step',
          'state', failed_state, 'name', 'Error', 'message', 'synthetic failure ' || g, 'attempts', 3,
          'timedOut', false) end,
        failed_state,
        case when status = 'failed' then to_jsonb(failed_state) end,
        ${transitions + 1},
        created_at,
        created_at + interval '90 seconds',
        case when status in ('succeeded', 'failed', 'cancelled') then created_at + interval '90 seconds' end
      from seeded order by created_at`,
      );
      if (transitions > 0) {
        await tx.unsafe(
          `
        insert into transitions (run_id, run_version, from_state, event, to_state, actor, at, duration_ms)
        select s.id, t + 1, case when t > 1 then 'step' || (t - 1) end,
          case when t = 1 then 'xstate.init' else 'step.s' || (t - 1) || '.done' end,
          case when t = $1::int then s.state else 'step' || t end,
          'worker', s.created_at + t * interval '9 seconds', case when t > 1 then 9000 end
        from seeded s cross join generate_series(1, $1::int) as t
        order by s.created_at, s.id, t`,
          [transitions],
        );
      }
      if (attempts > 0) {
        await tx.unsafe(
          `
        insert into step_attempts (run_id, state, step, attempt, run_version, worker_id, idempotency_key,
          started_at, ended_at, outcome, logs)
        select s.id, 'step' || a, 's' || a, a, a + 1, 'synthetic-worker',
          s.id || ':step' || a || ':' || a, s.created_at + a * interval '9 seconds',
          s.created_at + a * interval '9 seconds' + interval '8 seconds',
          case when s.status = 'failed' and a = $1::int then 'failed' else 'succeeded' end,
          jsonb_build_array(jsonb_build_object('at', s.created_at, 'level', 'info', 'msg', 'step done'))
        from seeded s cross join generate_series(1, $1::int) as a
        order by s.created_at, s.id, a`,
          [attempts],
        );
      }
      if (options.auditEvery) {
        await tx.unsafe(
          `
        insert into audit_events (at, actor, actor_role, action, run_id, target, reason, outcome, details)
        select s.created_at + interval '1 minute', 'ops@example.test', 'operator', 'run.retry', s.id,
          'run:' || s.id, 'synthetic retry', 'accepted', jsonb_build_object('from', s.state)
        from seeded s where s.g % $1::int = 0 order by s.created_at`,
          [options.auditEvery],
        );
      }
    });
  }
  await sql.unsafe('analyze runs, transitions, step_attempts, audit_events');
}
