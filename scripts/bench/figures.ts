// What the benchmark measures. Each figure runs the same work on both sides; a measurement is one
// side on its own fresh cluster with its own worker processes.
import type { BenchSide } from './bench-side';
import { median, percentile } from './stats';

export interface Sizes {
  /** Throughput: runs in flight × steps each. */
  runs: number;
  steps: number;
  concurrency: number;
  /** Per-step overhead: the steps of the one run. */
  longSteps: number;
  latencySamples: number;
  latencyWarmup: number;
  fanOut: number;
  bulkRuns: number;
}

export const FULL: Sizes = {
  runs: 100,
  steps: 10,
  concurrency: 10,
  longSteps: 40,
  latencySamples: 300,
  latencyWarmup: 30,
  fanOut: 50,
  bulkRuns: 1_000,
};

export const QUICK: Sizes = {
  runs: 30,
  steps: 10,
  concurrency: 10,
  longSteps: 40,
  latencySamples: 60,
  latencyWarmup: 10,
  fanOut: 20,
  bulkRuns: 200,
};

/** One number a figure yields, with how to read it. */
export interface Metric {
  key: string;
  label: string;
  unit: string;
  /** Whether more is better (throughput) or less (latency, cost). */
  better: 'higher' | 'lower';
}

export interface Figure {
  id: string;
  title: string;
  processes: number;
  batching: boolean;
  metrics: Metric[];
  measure(side: BenchSide, sizes: Sizes): Promise<Record<string, number>>;
}

const elapsedMs = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e6;

/** Many chains in flight; transitions/s and what they cost in CPU and memory. */
function throughput(processes: number, batching: boolean): Figure {
  const where = `${processes} worker process${processes > 1 ? 'es' : ''}, ${batching ? 'batching' : 'defaults'}`;
  const cost: Metric[] =
    processes === 1 && !batching
      ? [
          {
            key: 'workerCpuPer1k',
            label: 'Worker CPU per 1,000 transitions',
            unit: 'CPU-s',
            better: 'lower',
          },
          {
            key: 'pgCpuPer1k',
            label: 'PostgreSQL CPU per 1,000 transitions',
            unit: 'CPU-s',
            better: 'lower',
          },
          { key: 'maxRss', label: 'Worker peak RSS', unit: 'MiB', better: 'lower' },
          { key: 'walPerTransition', label: 'WAL per transition', unit: 'bytes', better: 'lower' },
        ]
      : [];
  return {
    id: `throughput-${processes}p-${batching ? 'batched' : 'default'}`,
    title: `Throughput, ${where}`,
    processes,
    batching,
    metrics: [
      { key: 'tps', label: `Throughput, ${where}`, unit: 'transitions/s', better: 'higher' },
      ...cost,
    ],
    async measure(side, sizes) {
      // Warm the workers up (JIT, pools) with a few chains first.
      await Promise.all([side.finished(5), side.startMany(5, sizes.steps)]);
      side.workers.mark();
      const pgBefore = side.postgresCpuMs();
      const walBefore = await side.walBytes();
      const from = process.hrtime.bigint();
      await Promise.all([side.finished(sizes.runs), side.startMany(sizes.runs, sizes.steps)]);
      const ms = elapsedMs(from);
      const pgMs = side.postgresCpuMs() - pgBefore;
      const usage = await side.workers.usage();
      const wal = (await side.walBytes()) - walBefore;
      const transitions = sizes.runs * sizes.steps;
      return {
        tps: (transitions / ms) * 1000,
        workerCpuPer1k: usage.cpuMs / transitions,
        pgCpuPer1k: pgMs / transitions,
        maxRss: usage.maxRssMiB,
        walPerTransition: wal / transitions,
      };
    },
  };
}

const overhead: Figure = {
  id: 'per-step',
  title: 'Per-step overhead, one long run alone',
  processes: 1,
  batching: false,
  metrics: [
    { key: 'msPerStep', label: 'Per-step overhead, one long run alone', unit: 'ms/step', better: 'lower' },
  ],
  async measure(side, sizes) {
    // The median of three runs one after the other (after a warm-up run): one run alone is short.
    const perStep: number[] = [];
    for (let i = 0; i < 4; i++) {
      const from = process.hrtime.bigint();
      await Promise.all([side.finished(1), side.startOne(sizes.longSteps)]);
      if (i > 0) perStep.push(elapsedMs(from) / sizes.longSteps);
    }
    return { msPerStep: median(perStep) };
  },
};

const latency: Figure = {
  id: 'dispatch',
  title: 'Dispatch latency, start returned → first step started',
  processes: 1,
  batching: false,
  metrics: ['p50', 'p90', 'p99'].map((p) => ({
    key: p,
    label: `Dispatch latency ${p}`,
    unit: 'ms',
    better: 'lower' as const,
  })),
  async measure(side, sizes) {
    const samples: number[] = [];
    for (let i = 0; i < sizes.latencyWarmup + sizes.latencySamples; i++) {
      const probe = `probe-${i}`;
      const done = side.finished(1);
      await side.startOne(1, probe);
      const returned = process.hrtime.bigint();
      const started = await side.stepStarted(probe);
      if (i >= sizes.latencyWarmup) samples.push(Number(started - returned) / 1e6);
      await done;
    }
    return { p50: percentile(samples, 50), p90: percentile(samples, 90), p99: percentile(samples, 99) };
  },
};

const fanOut: Figure = {
  id: 'fan-out',
  title: 'Fan-out: one run, a parallel state of many steps',
  processes: 1,
  batching: false,
  metrics: [{ key: 'ms', label: 'Fan-out, one run of parallel steps, to done', unit: 'ms', better: 'lower' }],
  async measure(side, sizes) {
    await Promise.all([side.finished(1), side.startFanOut(sizes.fanOut)]);
    const from = process.hrtime.bigint();
    await Promise.all([side.finished(1), side.startFanOut(sizes.fanOut)]);
    return { ms: elapsedMs(from) };
  },
};

const bulk: Figure = {
  id: 'bulk',
  title: 'Bulk start: many one-step runs in one call',
  processes: 1,
  batching: false,
  metrics: [
    { key: 'callMs', label: 'Bulk start of one-step runs, the call', unit: 'ms', better: 'lower' },
    { key: 'ms', label: 'Bulk start of one-step runs, to all done', unit: 'ms', better: 'lower' },
  ],
  async measure(side, sizes) {
    await Promise.all([side.finished(10), side.startMany(10, 1)]);
    const from = process.hrtime.bigint();
    const done = side.finished(sizes.bulkRuns);
    await side.startMany(sizes.bulkRuns, 1);
    const callMs = elapsedMs(from);
    await done;
    return { callMs, ms: elapsedMs(from) };
  },
};

export const FIGURES: Figure[] = [
  throughput(1, false),
  throughput(1, true),
  throughput(2, false),
  throughput(2, true),
  overhead,
  latency,
  fanOut,
  bulk,
];
