import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { setup } from 'xstate';
import { z } from 'zod';
import { listAttempts } from '../../db/queries/list-attempts';
import { listTransitions } from '../../db/queries/list-transitions';
import type { StepSettlementWrite } from '../../db/queries/write-step-settlements';
import { capturingDatabase } from '../../test-support/capturing-database';
import { actor } from '../../test-support/test-actors';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import { testEngine, testWorker, waitForRun } from '../../test-support/test-engine';
import type { WorkerHandle } from '../../worker/run-worker';
import { definePipeline } from '../definition/define-pipeline';
import type { Engine } from '../engine';
import { startRuns } from './start-runs';
import { createGroupCommit } from './transition/group-commit';

const RUNS = 8;

/** Every run's `gate` step waits until all of them are in it, so their settlements come together. */
const gate = { arrived: 0, open: () => {}, opened: Promise.resolve() };
const resetGate = () => {
  gate.arrived = 0;
  gate.opened = new Promise<void>((resolve) => {
    gate.open = resolve;
  });
};

const gatedPipeline = definePipeline({
  id: 'test-gated',
  version: 1,
  title: 'Gated',
  description: 'two steps; the first waits for every run',
  input: z.object({}),
  machine: setup({}).createMachine({
    id: 'gated',
    initial: 'gating',
    states: {
      gating: { meta: { step: 'gate' }, on: { 'step.gate.done': 'finishing', 'step.gate.failed': 'failed' } },
      finishing: {
        meta: { step: 'finish' },
        on: { 'step.finish.done': 'done', 'step.finish.failed': 'failed' },
      },
      done: { type: 'final' },
      failed: { type: 'final', tags: ['failed'] },
    },
  }),
  steps: {
    gate: {
      async run() {
        gate.arrived += 1;
        if (gate.arrived === RUNS) gate.open();
        await gate.opened;
        return {};
      },
    },
    finish: { run: async () => ({}) },
  },
});

/** A settlement of a run that does not exist (its compare-and-set writes nothing): enough to watch the statements. */
const settlementOf = (runId: string, expectedVersion = 1): StepSettlementWrite => ({
  row: {
    kind: 'update',
    runId,
    expectedVersion,
    attempt: { id: 1, outcome: 'succeeded', error: null, logs: [] },
  },
  update: {
    state: 'done',
    stateValue: 'done',
    status: 'succeeded',
    snapshot: { value: 'done', context: {}, status: 'done' },
    activeSteps: {},
    attemptCounters: {},
    error: null,
    failedState: null,
    retryFrom: null,
    timers: {},
    finishedAt: null,
  },
  jobs: [],
  noticeAfterCommit: true,
  notice: { runId, pipelineId: 'test-gated', state: 'done', status: 'succeeded', version: 2 },
});

/** The settlement statements a client sent, as the run ids each carried. */
const settlementStatements = (captured: ReturnType<typeof capturingDatabase>['captured']) =>
  captured
    .filter((q) => q.text.includes('as x(run_id uuid, expected_version int'))
    .map((q) => (JSON.parse(q.params[0] as string) as { run_id: string }[]).map((r) => r.run_id));

let db: TestDatabase;
let engine: Engine;
let worker: WorkerHandle | undefined;

beforeAll(async () => {
  db = await createTestDatabase();
  engine = testEngine(db, [gatedPipeline]);
});
afterEach(async () => {
  await worker?.stop();
  worker = undefined;
});
afterAll(async () => {
  await db.drop();
});

describe("a worker's group commit", () => {
  it('commits the settlements of runs that end a step together in one statement, each run moving as it would alone', async () => {
    resetGate();
    worker = await testWorker(db, engine, { concurrency: RUNS });
    const started = await startRuns(
      engine,
      { pipelineId: 'test-gated', runs: Array.from({ length: RUNS }, () => ({ input: {} })) },
      actor('tester'),
    );
    const runIds = started.map((s) => s.run.id);
    for (const runId of runIds) expect((await waitForRun(engine, runId)).status).toBe('succeeded');

    for (const runId of runIds) {
      const transitions = await listTransitions(engine.db, runId);
      expect(transitions.map((t) => [t.event, t.runVersion])).toEqual([
        ['signalbox.start', 1],
        ['step.gate.done', 2],
        ['step.finish.done', 3],
      ]);
      expect((await listAttempts(engine.db, runId)).map((a) => [a.step, a.outcome])).toEqual([
        ['gate', 'succeeded'],
        ['finish', 'succeeded'],
      ]);
    }
    // Rows written by one statement share its transaction's time: the gate's transitions of all the
    // runs came in fewer statements than runs (the first may go alone, the others wait for it).
    const [statements] = await db.db.execute<{ n: number }>(
      sql`select count(distinct at)::int as n from transitions where event = 'step.gate.done'`,
    );
    expect(statements!.n).toBeLessThanOrEqual(2);
    const [jobs] = await db.db.execute<{ n: number }>(
      sql`select count(*)::int as n from graphile_worker._private_jobs`,
    );
    expect(jobs!.n).toBe(0);
  });

  it('writes each settlement alone when their shared statement fails, so only the faulty one gets the error', async () => {
    const captured = capturingDatabase(db.url);
    try {
      const commit = createGroupCommit(captured.db);
      const missing = '00000000-0000-4000-8000-000000000001';
      const faulty = '00000000-0000-4000-8000-000000000002';
      // Both arrive in the same turn: one statement, which fails on the faulty version.
      const [alone, broken] = await Promise.allSettled([
        commit.write(settlementOf(missing)),
        commit.write(settlementOf(faulty, 1.5)),
      ]);
      expect(alone).toEqual({ status: 'fulfilled', value: undefined });
      expect(broken.status).toBe('rejected');
      // drizzle wraps PostgreSQL's error: `invalid input syntax for type integer: "1.5"`.
      expect(String(((broken as PromiseRejectedResult).reason as Error).cause)).toMatch(/type integer/);
      expect(settlementStatements(captured.captured)).toEqual([[missing, faulty], [missing], [faulty]]);
    } finally {
      await captured.close();
    }
  });

  it('sends a second statement while one is in flight only once enough settlements wait, and never a run in flight', async () => {
    const captured = capturingDatabase(db.url);
    const id = (n: number) => `00000000-0000-4000-8000-0000000001${String(n).padStart(2, '0')}`;
    const [a, b, c, d, e, f] = [1, 2, 3, 4, 5, 6].map(id) as [string, string, string, string, string, string];
    const sent = (count: number) =>
      vi.waitFor(() => expect(settlementStatements(captured.captured)).toHaveLength(count), {
        timeout: 5_000,
        interval: 5,
      });
    // Every settlement statement inserts into `transitions`: this lock keeps them in flight.
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let locked = () => {};
    const lockTaken = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const holder = db.sql.begin(async (tx) => {
      await tx`lock table transitions in share mode`;
      locked();
      await released;
    });
    try {
      await lockTaken;
      const commit = createGroupCommit(captured.db, { inFlight: 2, minShared: 3 });
      const writes = [commit.write(settlementOf(a)), commit.write(settlementOf(b))];
      await sent(1);
      // Two waiting, fewer than `minShared`: they wait for the statement in flight.
      writes.push(commit.write(settlementOf(c)), commit.write(settlementOf(d)));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(settlementStatements(captured.captured)).toHaveLength(1);
      // Four waiting: a second statement goes, without `a` (its first settlement is in flight).
      writes.push(commit.write(settlementOf(a)), commit.write(settlementOf(e)));
      await sent(2);
      // Two in flight, the most: `f` waits with `a`.
      writes.push(commit.write(settlementOf(f)));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(settlementStatements(captured.captured)).toHaveLength(2);
      release();
      await holder;
      expect(await Promise.all(writes)).toEqual(writes.map(() => undefined));
      const statements = settlementStatements(captured.captured);
      expect(statements.slice(0, 2)).toEqual([
        [a, b],
        [c, d, e],
      ]);
      // Then `a` and `f`: together if the first statement ended first, else `f` first.
      expect(statements.slice(2).flat().sort()).toEqual([a, f]);
    } finally {
      release();
      await holder;
      await captured.close();
    }
  });

  it("sends a run's second settlement in the next statement, never two of one run in one", async () => {
    const captured = capturingDatabase(db.url);
    try {
      const commit = createGroupCommit(captured.db);
      const runId = '00000000-0000-4000-8000-000000000003';
      const other = '00000000-0000-4000-8000-000000000004';
      await Promise.all([
        commit.write(settlementOf(runId)),
        commit.write(settlementOf(runId)),
        commit.write(settlementOf(other)),
      ]);
      expect(settlementStatements(captured.captured)).toEqual([[runId, other], [runId]]);
    } finally {
      await captured.close();
    }
  });
});
