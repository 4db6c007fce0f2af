import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { StateValue } from 'xstate';
import { createSystemActor } from '../../core/auth/system-actor';
import type { Pipeline } from '../../core/definition/define-pipeline';
import { createEngine, type Engine } from '../../core/engine';
import { AppError } from '../../core/errors';
import { silentLogger } from '../../core/logger';
import { findRun } from '../../core/runs/find-run';
import { type OperatorAction, performOperatorAction } from '../../core/runs/perform-operator-action';
import { startRun } from '../../core/runs/start-run';
import { commitRunChange } from '../../core/runs/transition/commit-run-change';
import { planSteps } from '../../core/runs/transition/plan-steps';
import { NO_FAILURE, snapshotUpdate } from '../../core/runs/transition/snapshot-update';
import { allPipelines } from '../../pipelines/all-pipelines';
import { startWorker } from '../../worker/run-worker';
import { broken, drain } from './invariants';
import { n, type ScenarioReport, withScenario } from './scenario';

export interface RacesOptions {
  /** Idempotency keys, each submitted by `clients` at once. */
  keys: number;
  clients: number;
  /** Failed runs on which retry, then cancel, are each clicked `clicks` times at once. */
  runs: number;
  clicks: number;
}

const OPERATOR = createSystemActor('chaos-operator');

interface StateNodeLike {
  on?: Record<string, unknown>;
  states: Record<string, StateNodeLike>;
}

/** Every leaf state under `states`, as a stored state value (`{ checks: 'scanning' }`). */
function leafValues(states: Record<string, StateNodeLike>, path: string[] = []): StateValue[] {
  return Object.entries(states).flatMap(([key, node]) =>
    Object.keys(node.states).length === 0
      ? [path.reduceRight<StateValue>((inner, outer) => ({ [outer]: inner }), key)]
      : leafValues(node.states, [...path, key]),
  );
}

/** Every event type a machine names anywhere. */
function eventTypes(node: StateNodeLike): Set<string> {
  const types = new Set(Object.keys(node.on ?? {}));
  for (const child of Object.values(node.states)) {
    for (const type of eventTypes(child)) types.add(type);
  }
  return types;
}

/** Puts a fresh run of `pipeline` into `value` through the engine's own change writer. */
async function runIn(engine: Engine, pipeline: Pipeline, value: StateValue, input: unknown) {
  const { run } = await startRun(engine, { pipelineId: pipeline.id, input }, OPERATOR);
  const next = pipeline.machine.resolveState({ value, context: run.snapshot.context as never });
  const plan = planSteps(pipeline, next, {}, run.attemptCounters, run.version + 1);
  await commitRunChange(
    engine,
    { run },
    { update: snapshotUpdate(next, plan, NO_FAILURE), event: 'chaos.place', enqueue: [] },
    { by: OPERATOR },
  );
  return (await findRun(engine, run.id))!;
}

const fingerprint = (run: { version: number; status: string; state: string; snapshot: unknown }) =>
  JSON.stringify([run.version, run.status, run.state, run.snapshot]);

/** The input each example pipeline accepts (states are placed directly, so steps never run). */
const FILE = { id: '00000000-0000-4000-8000-000000000000', name: 'chaos', sha256: '0'.repeat(64), bytes: 0 };
const SAMPLE_INPUT: Record<string, unknown> = {
  'hello-etl': { source: 'chaos' },
  'document-review': { documentId: 'chaos', title: 'Chaos' },
  'lab-results-csv': { file: FILE },
  'fhir-bundle': { file: FILE },
  'ingest-inbox': { inboxDir: '/nonexistent' },
  'feed-sync': { feed: 'chaos' },
};

/**
 * A pipeline's sample input; one with a concurrency key (feed-sync: one run per feed) gets a key of
 * its own per run, so no pair's run waits for another's slot (nor starts when another one finishes).
 */
const sampleInput = (pipelineId: string): unknown =>
  pipelineId === 'feed-sync'
    ? { ...(SAMPLE_INPUT[pipelineId] as object), feed: `chaos-${randomUUID()}` }
    : SAMPLE_INPUT[pipelineId];

/**
 * Races without faults: the same idempotency key from many clients at once; retry and cancel
 * clicked many times at once on many runs; and every (state, event) pair of every example
 * pipeline, each on its own run, where a refusal must leave the run untouched.
 */
export function races(o: RacesOptions): Promise<ScenarioReport> {
  return withScenario('races', async ({ url }) => {
    const engine = createEngine({
      database: url,
      pool: { max: Math.max(o.clients, o.clicks * 2) + 2 },
      pipelines: allPipelines,
    });
    const started = Date.now();
    try {
      // 1. Duplicate submissions.
      let duplicateRuns = 0;
      let answersDiffer = 0;
      for (let k = 0; k < o.keys; k++) {
        const key = `chaos-key-${k}`;
        const answers = await Promise.all(
          Array.from({ length: o.clients }, () =>
            startRun(
              engine,
              { pipelineId: 'hello-etl', input: { source: 'dup', stepDelayMs: 0 }, idempotencyKey: key },
              OPERATOR,
            ),
          ),
        );
        if (new Set(answers.map((a) => a.run.id)).size !== 1) answersDiffer += 1;
        if (answers.filter((a) => a.created).length !== 1) duplicateRuns += 1;
      }
      const [keyed] = await engine.db.execute<{ n: number }>(sql`
        select count(*)::int as n from (select idempotency_key from runs where idempotency_key like 'chaos-key-%'
          group by idempotency_key having count(*) > 1) d`);
      duplicateRuns += keyed!.n;
      await engine.db.execute(sql`delete from graphile_worker._private_jobs`);

      // 2. Racing operator actions on failed runs: retry ×clicks, then cancel ×clicks.
      const worker = await startWorker({
        databaseUrl: url,
        pipelines: allPipelines,
        logger: silentLogger,
        concurrency: 8,
        pollIntervalMs: 200,
        schedules: false,
      });
      const failing: string[] = [];
      for (let i = 0; i < o.runs; i += 50) {
        const batch = await Promise.all(
          Array.from({ length: Math.min(50, o.runs - i) }, () =>
            startRun(
              engine,
              { pipelineId: 'hello-etl', input: { source: 'fail', simulateFailures: 5, stepDelayMs: 0 } },
              OPERATOR,
            ),
          ),
        );
        failing.push(...batch.map((b) => b.run.id));
      }
      await drain(engine, failing, 300_000);
      await worker.stop();
      const click = async (kind: 'retry' | 'cancel', runId: string) => {
        const action: OperatorAction = { kind, request: { runId, reason: 'chaos race' } };
        const results = await Promise.allSettled(
          Array.from({ length: o.clicks }, () => performOperatorAction(engine, action, OPERATOR)),
        );
        const accepted = results.filter((r) => r.status === 'fulfilled').length;
        const not409 = results.filter(
          (r) => r.status === 'rejected' && !(r.reason instanceof AppError && r.reason.status === 409),
        ).length;
        return { accepted, not409 };
      };
      const tally = { retryNotOnce: 0, cancelNotOnce: 0, refusalsNot409: 0 };
      for (let i = 0; i < failing.length; i += 10) {
        await Promise.all(
          failing.slice(i, i + 10).map(async (runId) => {
            const retry = await click('retry', runId);
            const cancel = await click('cancel', runId);
            if (retry.accepted !== 1) tally.retryNotOnce += 1;
            if (cancel.accepted !== 1) tally.cancelNotOnce += 1;
            tally.refusalsNot409 += retry.not409 + cancel.not409;
          }),
        );
      }
      const [audit] = await engine.db.execute<{ wrong: number }>(sql`
        select count(*)::int as wrong from (
          select r.id, a.action, count(*) filter (where a.outcome = 'accepted') as accepted, count(a.id) as clicks
          from runs r cross join (values ('run.retry'), ('run.cancel')) v(action)
          left join audit_events a on a.run_id = r.id and a.action = v.action
          where r.id = any(${`{${failing.join(',')}}`}::uuid[])
          group by r.id, a.action) x
        where accepted <> 1 or clicks <> ${o.clicks}`);

      // 3. Every (state, event) pair of every example pipeline.
      let pairs = 0;
      let accepted = 0;
      let refusedButChanged = 0;
      let acceptedWrongly = 0;
      for (const pipeline of allPipelines) {
        const root = pipeline.machine.root as unknown as StateNodeLike;
        const events = [...eventTypes(root)];
        for (const value of leafValues(root.states)) {
          const kinds: OperatorAction['kind'][] = ['retry', 'cancel', ...events.map(() => 'event' as const)];
          await Promise.all(
            kinds.map(async (kind, index) => {
              const before = await runIn(engine, pipeline, value, sampleInput(pipeline.id));
              const request = { runId: before.id, reason: 'chaos pair' };
              const action: OperatorAction =
                kind === 'event'
                  ? { kind, request: { ...request, type: events[index - 2]! } }
                  : { kind, request };
              pairs += 1;
              const outcome = await performOperatorAction(engine, action, OPERATOR).then(
                () => 'accepted' as const,
                () => 'refused' as const,
              );
              const after = (await findRun(engine, before.id))!;
              const [history] = await engine.db.execute<{ n: number }>(
                sql`select count(*)::int as n from transitions where run_id = ${before.id} and run_version > ${before.version}`,
              );
              if (outcome === 'refused' && (fingerprint(after) !== fingerprint(before) || history!.n !== 0)) {
                refusedButChanged += 1;
              }
              if (outcome === 'accepted') {
                accepted += 1;
                if (after.version !== before.version + 1 || history!.n !== 1) acceptedWrongly += 1;
              }
            }),
          );
        }
      }

      const counts = {
        duplicateRuns,
        answersDiffer,
        ...tally,
        auditRowsWrong: audit!.wrong,
        refusedButChanged,
        acceptedWrongly,
      };
      return {
        scenario: 'Races',
        load: `${n(o.keys)} keys × ${o.clients} clients; ${n(o.runs)} failed runs × retry and cancel × ${o.clicks} clicks; ${n(pairs)} (state, event) pairs`,
        faults: 'none: concurrent requests only',
        counts,
        figures: { pairs, pairsAccepted: accepted, durationMs: Date.now() - started },
        violations: broken(counts),
      };
    } finally {
      await engine.close();
    }
  });
}
