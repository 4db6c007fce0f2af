// Live updates at scale (issue 11): N open consoles (default 50) while a worker commits about R
// transitions per second (default 200). Each console is the live stream (`/api/stream`) and the
// refetch a runs page does when notices arrive (gathered for about 1 s, as the console does for lists): the runs
// list and the status counts. Prints commit → stream latency (p50/p95/p99, from each transition's
// commit time to its notice read by each console), the refetches' latency, and the console server's
// CPU (its whole process group, from /proc). Asserts nothing.
// Usage: npm run bench:live -- [--consoles 50] [--rate 200] [--seconds 30]
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { listBatchMs } from '../../components/live/refresh-windows';
import { createSystemActor } from '../../core/auth/system-actor';
import { createEngine } from '../../core/engine';
import { silentLogger } from '../../core/logger';
import { startRuns } from '../../core/runs/start-runs';
import { allPipelines } from '../../pipelines/all-pipelines';
import { startBenchConsole } from './console-server';
import { freshCluster, processCpuMs } from './fresh-cluster';
import { percentile } from './stats';

const { values } = parseArgs({
  options: {
    consoles: { type: 'string', default: '50' },
    rate: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '30' },
  },
});
const CONSOLES = Number(values.consoles);
const RATE = Number(values.rate);
const SECONDS = Number(values.seconds);
/** hello-etl: its start and three steps. */
const TRANSITIONS_PER_RUN = 4;
const ROOT = join(import.meta.dirname, '..', '..');
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** CPU seconds used so far by every process of a process group (the console and its server). */
const groupCpuSeconds = (pgid: number): number => processCpuMs((p) => p.pgrp === pgid) / 1000;

const cluster = await freshCluster('signalbox-live-bench');
const url = await cluster.database('live');
const server = await startBenchConsole(url).catch(async (error: unknown) => {
  await cluster.server.stop();
  throw error;
});
const engine = createEngine({
  database: url,
  pipelines: allPipelines,
  logger: silentLogger,
  pool: { max: 4 },
});
// The worker is its own process, as in production: the consoles' streams are read in this one.
const worker = spawn(process.execPath, [join(ROOT, 'cli', 'signalbox.mjs'), 'worker', '--concurrency', '8'], {
  env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'ignore', 'inherit'],
  detached: true,
});
const bench = createSystemActor('bench');
const cookie = server.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
const stop = new AbortController();
/** Per console: when (ms since epoch) it read the notice of each `runId:version`. */
const received: Map<string, number>[] = [];
const refetchMs: number[] = [];
let measuring = false;

async function openConsole(index: number): Promise<void> {
  const seen = new Map<string, number>();
  received[index] = seen;
  const response = await fetch(`${server.base}/api/stream`, { headers: { cookie }, signal: stop.signal });
  if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
  let refetch: ReturnType<typeof setTimeout> | undefined;
  // As the console does: notices gathered for 0.75–1.25 s (lists), and no new request while one is loading
  // (notices heard meanwhile are asked for once it has answered).
  let loading = false;
  let missed = false;
  const refresh = async () => {
    refetch = undefined;
    loading = true;
    const started = performance.now();
    await Promise.all(
      ['/api/runs?limit=50', '/api/runs/status-counts'].map((path) =>
        fetch(`${server.base}${path}`, { headers: { cookie } }).then((r) => r.arrayBuffer()),
      ),
    ).catch(() => undefined);
    if (measuring) refetchMs.push(performance.now() - started);
    loading = false;
    if (missed) {
      missed = false;
      refetch ??= setTimeout(() => void refresh(), listBatchMs());
    }
  };
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const at = Date.now();
      buffer += decoder.decode(value, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const message = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf('\n\n');
        if (!message.includes('event: run')) continue;
        const data = message.split('\n').find((line) => line.startsWith('data: '));
        if (!data) continue;
        const notice = JSON.parse(data.slice(6)) as { runId: string; version: number };
        if (measuring) seen.set(`${notice.runId}:${notice.version}`, at);
        if (loading) missed = true;
        else refetch ??= setTimeout(() => void refresh(), listBatchMs());
      }
    }
  } catch {
    // stopped
  }
  clearTimeout(refetch);
}

try {
  const consoles = Array.from({ length: CONSOLES }, (_, i) => openConsole(i));
  await sleep(2_000);
  // Runs started every 100 ms, as many as keep the pace of RATE transitions per second.
  const loadStarted = Date.now();
  let runsStarted = 0;
  const load = (async () => {
    while (!stop.signal.aborted) {
      const due =
        Math.floor(((Date.now() - loadStarted) / 1000) * (RATE / TRANSITIONS_PER_RUN)) - runsStarted;
      if (due > 0) {
        await startRuns(
          engine,
          {
            pipelineId: 'hello-etl',
            runs: Array.from({ length: due }, () => ({ input: { source: 'live.csv', stepDelayMs: 0 } })),
          },
          bench,
        );
        runsStarted += due;
      }
      await sleep(100);
    }
  })();
  await sleep(5_000); // warm-up
  measuring = true;
  const cpuBefore = groupCpuSeconds(server.pid);
  const workerCpuBefore = groupCpuSeconds(worker.pid!);
  const benchCpuBefore = process.cpuUsage();
  const count = async () =>
    (await engine.sql<{ n: number }[]>`select count(*)::int as n from transitions`)[0]!.n;
  const before = await count();
  const started = Date.now();
  await sleep(SECONDS * 1000);
  measuring = false;
  const elapsed = (Date.now() - started) / 1000;
  const cpu = (groupCpuSeconds(server.pid) - cpuBefore) / elapsed;
  const workerCpu = (groupCpuSeconds(worker.pid!) - workerCpuBefore) / elapsed;
  const benchCpuUsed = process.cpuUsage(benchCpuBefore);
  const benchCpu = (benchCpuUsed.user + benchCpuUsed.system) / 1e6 / elapsed;
  const after = await count();
  stop.abort();
  await Promise.allSettled([load, ...consoles]);
  // Each transition's commit time (its transaction's time) against each console's receipt.
  const committed = new Map<string, number>();
  const rows = await engine.sql<{ key: string; ms: string }[]>`
    select run_id || ':' || run_version as key, (extract(epoch from at) * 1000)::bigint::text as ms
    from transitions where at >= ${new Date(started - 1_000).toISOString()}::timestamptz`;
  for (const row of rows) committed.set(row.key, Number(row.ms));
  const latencies: number[] = [];
  for (const seen of received) {
    for (const [key, at] of seen) {
      const commit = committed.get(key);
      if (commit !== undefined) latencies.push(at - commit);
    }
  }
  const f = (n: number) => n.toFixed(0);
  process.stdout.write(
    [
      `${CONSOLES} consoles, ${((after - before) / elapsed).toFixed(0)} transitions/s committed over ${elapsed.toFixed(0)} s`,
      `commit → stream, per console and transition (${latencies.length.toLocaleString('en-US')} samples): p50 ${f(percentile(latencies, 50))} ms, p95 ${f(percentile(latencies, 95))} ms, p99 ${f(percentile(latencies, 99))} ms`,
      `refetch on notices (runs list + status counts, ${refetchMs.length} of them): p50 ${f(percentile(refetchMs, 50))} ms, p95 ${f(percentile(refetchMs, 95))} ms`,
      `console server CPU: ${cpu.toFixed(2)} cores (beside it: the worker ${workerCpu.toFixed(2)}, this process reading the ${CONSOLES} streams ${benchCpu.toFixed(2)})`,
      '',
    ].join('\n'),
  );
} finally {
  stop.abort();
  if (worker.pid && worker.exitCode === null) {
    process.kill(-worker.pid, 'SIGTERM');
    await once(worker, 'exit');
  }
  await engine.close();
  await server.stop();
  await cluster.server.stop();
}
