// Bulk retry at scale (issue 11): N failed runs (default 10,000) retried in the background by a worker
// while the same worker keeps running 10-step runs. Prints the time to done, the transitions per second
// of the other runs before and during, and the worker process's peak RSS. Asserts nothing.
// Usage: npm run bench:bulk-retry -- [--runs 10000]
import { parseArgs } from 'node:util';
import { setup } from 'xstate';
import { createSystemActor } from '../../core/auth/system-actor';
import { definePipeline } from '../../core/definition/define-pipeline';
import { findBulkAction } from '../../core/runs/bulk/bulk-action-view';
import { startBackgroundRetry } from '../../core/runs/bulk/start-background-retry';
import { startRuns } from '../../core/runs/start-runs';
import { BenchInputSchema, chainPipeline, chainPipelineId } from './bench-pipelines';
import { freshCluster } from './fresh-cluster';
import { startInProcessWorker, transitionsPerSecond } from './in-process-worker';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '10000' } } });
const RUNS = Number(values.runs);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** One step that fails while the source is "broken", and succeeds once it is fixed. */
let sourceBroken = true;
const flip = definePipeline({
  id: 'bench-flip',
  version: 1,
  title: 'Bench: fails until fixed',
  description: 'one step that fails while its source is broken',
  input: BenchInputSchema,
  machine: setup({}).createMachine({
    id: 'bench-flip',
    initial: 'work',
    states: {
      work: { meta: { step: 'work' }, on: { 'step.work.done': 'done', 'step.work.failed': 'failed' } },
      done: { type: 'final' },
      failed: { type: 'final', tags: ['failed'] },
    },
  }),
  steps: {
    work: {
      maxAttempts: 1,
      run: async () => {
        if (sourceBroken) throw new Error('source is broken');
        return null;
      },
    },
  },
});

const cluster = await freshCluster('signalbox-bulk-bench');
const url = await cluster.database('bulk');
const pipelines = [flip, chainPipeline(10)];
const { engine, stop } = await startInProcessWorker(url, pipelines);
const bench = createSystemActor('bench');
const count = async (pipelineId: string, status: string) => {
  const [row] = await engine.sql<{ n: number }[]>`
    select count(*)::int as n from runs where pipeline_id = ${pipelineId} and status = ${status}`;
  return row!.n;
};
const transitions = async () => {
  const [row] = await engine.sql<{ id: string }[]>`select coalesce(max(id), 0)::text as id from transitions`;
  return Number(row!.id);
};
const chainTransitionsPerSecond = (during: () => Promise<void>) =>
  transitionsPerSecond(engine, during, chainPipelineId(10));

try {
  process.stdout.write(`${RUNS.toLocaleString('en-US')} failed runs to make…\n`);
  for (let made = 0; made < RUNS; made += 10_000) {
    const n = Math.min(10_000, RUNS - made);
    await startRuns(
      engine,
      { pipelineId: 'bench-flip', runs: Array.from({ length: n }, () => ({ input: {} })) },
      bench,
    );
  }
  while ((await count('bench-flip', 'failed')) < RUNS) await sleep(500);
  sourceBroken = false;
  // Other work for the same worker: 10-step runs from a deep queue.
  for (let i = 0; i < 6; i++) {
    await startRuns(
      engine,
      { pipelineId: chainPipelineId(10), runs: Array.from({ length: 500 }, () => ({ input: {} })) },
      bench,
    );
  }
  await sleep(2_000);
  const baseline = await chainTransitionsPerSecond(() => sleep(10_000));
  let peakRss = process.memoryUsage().rss;
  const rss = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 100);
  const started = performance.now();
  let seconds = 0;
  let done = 0;
  let refused = 0;
  const during = await chainTransitionsPerSecond(async () => {
    const { bulkAction } = await startBackgroundRetry(
      engine,
      { filter: { pipeline: 'bench-flip' }, expectedCount: RUNS, reason: 'source fixed' },
      bench,
    );
    for (;;) {
      const now = await findBulkAction(engine, bulkAction!.id, bench);
      if (now.status !== 'running') {
        ({ done, refused } = now);
        break;
      }
      await sleep(200);
    }
    seconds = (performance.now() - started) / 1000;
  });
  clearInterval(rss);
  const succeeded = await count('bench-flip', 'succeeded');
  process.stdout.write(
    [
      `bulk retry of ${RUNS.toLocaleString('en-US')} failed runs: done in ${seconds.toFixed(1)} s (${done} retried, ${refused} refused; ${succeeded} succeeded since)`,
      `other runs (10 steps) on the same worker: ${baseline.toFixed(0)} transitions/s before, ${during.toFixed(0)} during (${((100 * during) / baseline).toFixed(0)} %)`,
      `worker process peak RSS during the retry: ${(peakRss / 2 ** 20).toFixed(0)} MiB`,
      `(${(await transitions()).toLocaleString('en-US')} transitions in all)`,
      '',
    ].join('\n'),
  );
} finally {
  await stop();
  await cluster.server.stop();
}
