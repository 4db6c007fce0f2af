import { sql } from 'drizzle-orm';
import type { Engine } from '../../core/engine';
import { isTerminal } from '../../core/runs/transition/run-status';
import type { RunStatus } from '../../db/schema';
import { sleep } from './harness';

/** What every scenario checks once its runs have drained: each must be 0. */
export interface Invariants {
  /** Runs not finished when the scenario gave up waiting. */
  stuck: number;
  /** Runs that reached a final state (of the chaos pipeline) more than once. */
  finishedTwice: number;
  /** Run versions with more than one history row: a transition applied twice. */
  duplicateTransitions: number;
  /** Step outcomes (`step.*.done` / `.failed`) applied twice to the same state of a run. */
  outcomesAppliedTwice: number;
}

export const INVARIANT_NAMES: (keyof Invariants)[] = [
  'stuck',
  'finishedTwice',
  'duplicateTransitions',
  'outcomesAppliedTwice',
];

/** The given runs, or (undefined) every run of the scenario's database. */
const runsIn = (runIds: readonly string[] | undefined) =>
  runIds ? sql`id = any(${`{${runIds.join(',')}}`}::uuid[])` : sql`true`;

/** Waits until every run is finished or `timeoutMs` passes; returns the count per status. */
export async function drain(
  engine: Engine,
  runIds: readonly string[] | undefined,
  timeoutMs: number,
): Promise<Record<RunStatus, number>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await engine.db
      .execute<{ status: RunStatus; n: number }>(sql`
        select status, count(*)::int as n from runs where ${runsIn(runIds)} group by status`)
      .catch(() => undefined);
    if (rows) {
      const counts = Object.fromEntries(rows.map((r) => [r.status, r.n])) as Record<RunStatus, number>;
      const open = rows.filter((r) => !isTerminal(r.status)).reduce((sum, r) => sum + r.n, 0);
      if (open === 0 || Date.now() > deadline) return counts;
    } else if (Date.now() > deadline) {
      throw new Error('the database did not answer while draining');
    }
    await sleep(250);
  }
}

/** Counts the invariant violations over the given runs (and their history). */
export async function checkInvariants(
  engine: Engine,
  runIds: readonly string[] | undefined,
): Promise<Invariants> {
  const [row] = await engine.db.execute<Record<keyof Invariants, number>>(sql`
    with mine as (select id, status from runs where ${runsIn(runIds)}),
    t as (select t.* from transitions t join mine on mine.id = t.run_id)
    select
      (select count(*)::int from mine where status not in ('succeeded', 'failed', 'cancelled')) as "stuck",
      (select count(*)::int from (
        select run_id from t where to_state in ('done', 'failed')
        group by run_id having count(*) > 1) x) as "finishedTwice",
      (select count(*)::int from (
        select run_id, run_version from t group by run_id, run_version having count(*) > 1) x)
        as "duplicateTransitions",
      (select count(*)::int from (
        select run_id, from_state, event from t where event like 'step.%'
        group by run_id, from_state, event having count(*) > 1) x) as "outcomesAppliedTwice"`);
  return row!;
}

/** The names of the invariants that do not hold (value above 0). */
export const broken = (invariants: Partial<Record<string, number>>): string[] =>
  Object.entries(invariants)
    .filter(([, value]) => (value ?? 0) > 0)
    .map(([name, value]) => `${name}=${value}`);

/** What a stuck run is waiting for (the first few), for a scenario's report: state, attempts, its job. */
export async function describeStuck(
  engine: Engine,
  runIds: readonly string[] | undefined,
): Promise<unknown[]> {
  return engine.db.execute(sql`
    select r.id, r.state, r.status, r.version, r.active_steps as "activeSteps",
      (select json_agg(json_build_object('attempt', a.attempt, 'outcome', a.outcome, 'worker', a.worker_id))
        from step_attempts a where a.run_id = r.id and a.state = r.state) as attempts,
      (select json_agg(json_build_object('id', j.id, 'attempts', j.attempts, 'max', j.max_attempts,
          'lockedBy', j.locked_by, 'runAt', j.run_at, 'lastError', left(j.last_error, 200)))
        from graphile_worker._private_jobs j where j.payload ->> 'runId' = r.id::text) as jobs
    from runs r
    where ${runsIn(runIds)} and r.status not in ('succeeded', 'failed', 'cancelled')
    limit 3`);
}
