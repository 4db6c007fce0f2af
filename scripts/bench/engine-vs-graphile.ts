// Signalbox's engine against raw graphile-worker, measured side by side in one run on a fresh cluster.
// Prints figures and ratios; asserts nothing. Usage: npm run bench -- [--runs 400] [--concurrency 8]
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { run as runGraphile, type Task } from 'graphile-worker';
import { setup } from 'xstate';
import { z } from 'zod';
import { createSystemActor } from '../../core/auth/system-actor';
import { definePipeline, type StepEvents } from '../../core/definition/define-pipeline';
import { createEngine } from '../../core/engine';
import { silentLogger } from '../../core/logger';
import { startRun } from '../../core/runs/start-run';
import { createDatabase } from '../../db/client';
import { addJobs } from '../../db/queries/add-step-jobs';
import { startWorker } from '../../worker/run-worker';
import { freshCluster } from './fresh-cluster';

const BENCH = createSystemActor('bench');

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '400' }, concurrency: { type: 'string', default: '8' } },
});
const RUNS = Number(values.runs);
const CONCURRENCY = Number(values.concurrency);
const STEPS = 3;
const CLIENTS = 4;

const machine = setup({ types: { events: {} as StepEvents<{ a: null; b: null; c: null }> } }).createMachine({
  id: 'bench',
  initial: 'a',
  states: {
    a: { meta: { step: 'a' }, on: { 'step.a.done': 'b' } },
    b: { meta: { step: 'b' }, on: { 'step.b.done': 'c' } },
    c: { meta: { step: 'c' }, on: { 'step.c.done': 'done' } },
    done: { type: 'final' },
  },
});
const noop = { run: async () => null };
const benchPipeline = definePipeline({
  id: 'bench-three-steps',
  version: 1,
  title: 'Bench',
  description: 'three no-op steps',
  input: z.object({}),
  machine,
  steps: { a: noop, b: noop, c: noop },
});

/** Calls `make` `count` times from CLIENTS concurrent clients, as producers of work would. */
async function inParallel(count: number, make: () => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < count) {
        next += 1;
        await make();
      }
    }),
  );
}

/** Raw graphile-worker: each job does nothing and enqueues the next one (addJob), three per chain. */
async function rawGraphile(url: string): Promise<number> {
  let finished = 0;
  let done!: () => void;
  const allDone = new Promise<void>((r) => {
    done = r;
  });
  const step: Task = async (payload, helpers) => {
    const { n } = payload as { n: number };
    if (n + 1 < STEPS) await helpers.addJob('raw.step', { n: n + 1 });
    else if (++finished === RUNS) done();
  };
  const runner = await runGraphile({
    connectionString: url,
    concurrency: CONCURRENCY,
    noHandleSignals: true,
    pollInterval: 1_000,
    taskList: { 'raw.step': step },
    logger: (await import('../../worker/graphile-logger')).graphileLogger(silentLogger),
  });
  const db = createDatabase(url, { max: CLIENTS });
  const started = performance.now();
  await inParallel(RUNS, () => addJobs(db.db, [{ task: 'raw.step', payload: { n: 0 }, maxAttempts: 10 }]));
  await allDone;
  await db.close();
  const elapsed = performance.now() - started;
  await runner.stop();
  return elapsed;
}

/** Signalbox: RUNS runs of a three-step machine, each step a job, each transition a transaction. */
async function signalbox(url: string): Promise<number> {
  const engine = createEngine({ database: url, pool: { max: CLIENTS }, pipelines: [benchPipeline] });
  const db = engine;
  const worker = await startWorker({
    databaseUrl: url,
    pipelines: [benchPipeline],
    logger: silentLogger,
    concurrency: CONCURRENCY,
    schedules: false,
    pollIntervalMs: 1_000,
  });
  const started = performance.now();
  await inParallel(RUNS, () => startRun(engine, { pipelineId: benchPipeline.id, input: {} }, BENCH));
  process.stdout.write(
    `  (signalbox: ${RUNS} runs started in ${((performance.now() - started) / 1000).toFixed(2)} s)\n`,
  );
  for (;;) {
    const [row] = await db.db.execute<{ n: number }>(
      sql`select count(*)::int as n from runs where status = 'succeeded'`,
    );
    if (row!.n >= RUNS) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const elapsed = performance.now() - started;
  await worker.stop();
  await db.close();
  return elapsed;
}

const cluster = await freshCluster('signalbox-bench');
try {
  const rawUrl = await cluster.database('bench_raw');
  const engineUrl = await cluster.database('bench_engine');
  process.stdout.write(`${RUNS} runs × ${STEPS} steps, concurrency ${CONCURRENCY}, fresh cluster\n`);
  const raw = await rawGraphile(rawUrl);
  const ours = await signalbox(engineUrl);
  const rate = (ms: number) => ((RUNS * STEPS) / ms) * 1000;
  const line = (name: string, ms: number) =>
    `${name.padEnd(22)} ${(ms / 1000).toFixed(2).padStart(7)} s  ${rate(ms).toFixed(0).padStart(6)} steps/s  ${((RUNS / ms) * 1000).toFixed(0).padStart(5)} runs/s\n`;
  process.stdout.write(line('raw graphile-worker', raw));
  process.stdout.write(line('signalbox', ours));
  process.stdout.write(`ratio signalbox/raw: ${(rate(ours) / rate(raw)).toFixed(2)} (throughput)\n`);
} finally {
  await cluster.server.stop();
}
