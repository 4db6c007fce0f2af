// The lab-results-csv pipeline on a large synthetic file, on a fresh embedded cluster: prints rows/s
// per state and overall, and the peak RSS of this process (which runs the worker), for a small
// and a large file side by side so the two can be compared. Asserts nothing.
// Usage: npm run bench:lab -- [--rows 100000] [--small 10000] [--batch 2000]

import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createSystemActor } from '../../core/auth/system-actor';
import { createEngine, type Engine } from '../../core/engine';
import { silentLogger } from '../../core/logger';
import { isTerminal } from '../../core/runs/transition/run-status';
import { getRun } from '../../db/queries/get-run';
import { listTransitions } from '../../db/queries/list-transitions';
import type { IngestContext } from '../../health/ingest/ingest-machine';
import { submitIngestFile } from '../../health/ingest/submit-ingest-file';
import { createLabResultsCsvPipeline } from '../../pipelines/lab-results-csv/lab-results-csv.pipeline';
import { labCsvLines } from '../../pipelines/lab-results-csv/synthetic-lab-csv';
import { startWorker } from '../../worker/run-worker';
import { freshCluster } from './fresh-cluster';

const BENCH = createSystemActor('bench');

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    small: { type: 'string', default: '10000' },
    batch: { type: 'string', default: '2000' },
    'bad-share': { type: 'string', default: '0.01' },
  },
});
const ROWS = Number(values.rows);
const SMALL = Number(values.small);
const BATCH = Number(values.batch);
const BAD_SHARE = Number(values['bad-share']);
const MiB = 1024 * 1024;

/** Writes a synthetic CSV line by line (the generator never holds the file). */
async function writeCsv(path: string, rows: number, seed: number): Promise<number> {
  const out = createWriteStream(path);
  for (const line of labCsvLines({ seed, rows, badShare: BAD_SHARE, patients: 5_000 })) {
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return statSync(path).size;
}

/** Samples this process's RSS while `work` runs; returns its result and the peak. */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; peak: number; before: number }> {
  const before = process.memoryUsage.rss();
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 50);
  try {
    const result = await work();
    return { result, peak: Math.max(peak, process.memoryUsage.rss()), before };
  } finally {
    clearInterval(timer);
  }
}

async function ingest(engine: Engine, path: string, name: string) {
  const started = performance.now();
  const { run } = await submitIngestFile(
    engine,
    { pipelineId: 'lab-results-csv', fileName: name, content: createReadStream(path) },
    BENCH,
  );
  const stored = performance.now();
  let current = run;
  while (!isTerminal(current.status) && current.status !== 'waiting') {
    await new Promise((r) => setTimeout(r, 100));
    current = (await getRun(engine.db, run.id))!;
  }
  return { run: current, storeMs: stored - started, totalMs: performance.now() - started };
}

function report(
  label: string,
  rows: number,
  bytes: number,
  outcome: Awaited<ReturnType<typeof ingest>>,
  rss: { peak: number; before: number },
  perState: { toState: string; fromState: string | null; durationMs: number | null }[],
) {
  const counts = (outcome.run.snapshot as { context: IngestContext }).context.counts;
  const rate = (ms: number) =>
    `${Math.round((rows / ms) * 1000)
      .toLocaleString('en-US')
      .padStart(9)} rows/s`;
  process.stdout.write(
    `\n${label}: ${rows.toLocaleString('en-US')} rows, ${(bytes / MiB).toFixed(1)} MiB → ${outcome.run.state} ` +
      `(received ${counts.received}, valid ${counts.valid}, quarantined ${counts.quarantined}, loaded ${counts.loaded}, duplicates ${counts.duplicates})\n`,
  );
  process.stdout.write(
    `  ${'store file (submit)'.padEnd(22)} ${(outcome.storeMs / 1000).toFixed(2).padStart(7)} s ${rate(outcome.storeMs)}\n`,
  );
  for (const t of perState) {
    if (!t.fromState || t.durationMs === null) continue;
    process.stdout.write(
      `  ${t.fromState.padEnd(22)} ${(t.durationMs / 1000).toFixed(2).padStart(7)} s ${rate(Math.max(1, t.durationMs))}\n`,
    );
  }
  process.stdout.write(
    `  ${'total (submit → end)'.padEnd(22)} ${(outcome.totalMs / 1000).toFixed(2).padStart(7)} s ${rate(outcome.totalMs)}\n`,
  );
  process.stdout.write(
    `  peak RSS ${(rss.peak / MiB).toFixed(0)} MiB (${((rss.peak - rss.before) / MiB).toFixed(0)} MiB above the ${(rss.before / MiB).toFixed(0)} MiB before)\n`,
  );
}

const cluster = await freshCluster('signalbox-bench-lab');
const home = mkdtempSync(join(tmpdir(), 'signalbox-bench-lab-files-'));
const server = cluster.server;
const url = new URL(await cluster.database('bench_lab'));

const pipelines = [createLabResultsCsvPipeline({ batchSize: BATCH })];
const engine: Engine = createEngine({ database: url.toString(), pool: { max: 4 }, pipelines });
const db = engine;
const worker = await startWorker({
  databaseUrl: url.toString(),
  pipelines,
  logger: silentLogger,
  concurrency: 2,
  schedules: false,
  pollIntervalMs: 200,
});
try {
  process.stdout.write(
    `lab-results-csv on a fresh cluster: batch ${BATCH}, ${BAD_SHARE * 100} % bad rows, worker in this process (Node ${process.version})\n`,
  );
  for (const [label, rows, seed] of [
    ['small', SMALL, 48],
    ['large', ROWS, 50],
  ] as const) {
    const path = join(home, `${label}.csv`);
    const bytes = await writeCsv(path, rows, seed);
    const { result, peak, before } = await withPeakRss(() => ingest(engine, path, `${label}.csv`));
    report(label, rows, bytes, result, { peak, before }, await listTransitions(engine.db, result.run.id));
    if (label === 'large') {
      const again = await withPeakRss(() => ingest(engine, path, `${label}-again.csv`));
      report(
        'large, same file again (all duplicates)',
        rows,
        bytes,
        again.result,
        again,
        await listTransitions(engine.db, again.result.run.id),
      );
    }
  }
  process.stdout.write(
    `\nprocess max RSS (getrusage): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB\n`,
  );
} finally {
  await worker.stop();
  await db.close();
  await server.stop();
  rmSync(home, { recursive: true, force: true });
}
