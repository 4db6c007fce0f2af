// Signalbox against raw graphile-worker, measured side by side in one run: every figure on both
// sides, alternating which goes first, each measurement on its own fresh cluster with its own worker
// processes; the medians of the rounds go to docs/performance.{json,md} and the README.
// Prints figures and ratios; asserts nothing.
//   npm run bench                 all figures, 3 rounds, writes the docs
//   npm run bench:quick           three figures, small sizes, 1 round, writes nothing
//   npm run bench -- --rounds 5 --only throughput-1p-default,dispatch --no-write --non-durable
//   SIGNALBOX_BENCH_GROUP_COMMIT='{"inFlight":1}' npm run bench -- --only throughput-1p-default --no-write
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { openSide, SIDES, type SideName } from './bench-side';
import { FIGURES, type Figure, FULL, QUICK, type Sizes } from './figures';
import {
  type BenchReport,
  goalFor,
  type MetricResult,
  machineInfo,
  markdownTable,
  writeReport,
} from './report';
import { median, sideOrder } from './stats';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    rounds: { type: 'string' },
    only: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
    'non-durable': { type: 'boolean', default: false },
  },
});
const quick = values.quick;
const sizes: Sizes = quick ? QUICK : FULL;
const rounds = Number(values.rounds ?? (quick ? 1 : 3));
const only = values.only?.split(',');
const figures = FIGURES.filter((f) =>
  only ? only.includes(f.id) : !quick || ['throughput-1p-default', 'per-step', 'dispatch'].includes(f.id),
);
const write = !quick && !values['no-write'] && !only && rounds >= 3;
const cluster = { nonDurable: values['non-durable'] };

let postgresVersion = 'unknown';
async function measureOnce(figure: Figure, side: SideName): Promise<Record<string, number>> {
  const opened = await openSide({
    side,
    processes: figure.processes,
    concurrency: sizes.concurrency,
    batching: figure.batching,
    shape: { chains: [sizes.steps, sizes.longSteps, 1], fanOut: sizes.fanOut },
    cluster,
  });
  try {
    if (postgresVersion === 'unknown') {
      const [row] = await opened.sql<{ v: string }[]>`select current_setting('server_version') as v`;
      postgresVersion = row!.v;
    }
    return await figure.measure(opened, sizes);
  } finally {
    await opened.close();
  }
}

const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(2));
const started = new Date();
const loadAtStart = loadavg();
const metrics: MetricResult[] = [];
process.stdout.write(
  `${rounds} round(s); ${sizes.runs} runs × ${sizes.steps} steps, concurrency ${sizes.concurrency}; ` +
    `PostgreSQL ${cluster.nonDurable ? 'non-durable' : 'default settings'}\n`,
);
for (const figure of figures) {
  process.stdout.write(`\n${figure.title}\n`);
  const results: Record<SideName, Record<string, number>[]> = { raw: [], signalbox: [] };
  for (let round = 0; round < rounds; round++) {
    for (const side of sideOrder(SIDES, round)) {
      const result = await measureOnce(figure, side);
      results[side].push(result);
      const shown = figure.metrics.map((m) => `${m.key} ${fmt(result[m.key]!)}`).join(', ');
      process.stdout.write(`  round ${round + 1} ${side.padEnd(9)} ${shown}\n`);
    }
  }
  for (const metric of figure.metrics) {
    const of = (side: SideName) => {
      const all = results[side].map((r) => r[metric.key]!);
      return { rounds: all, median: median(all) };
    };
    const m: MetricResult = {
      ...metric,
      figure: figure.id,
      raw: of('raw'),
      signalbox: of('signalbox'),
      ratio: 0,
    };
    m.ratio = m.signalbox.median / m.raw.median;
    m.goal = goalFor(m);
    metrics.push(m);
    process.stdout.write(
      `  → ${metric.label}: raw ${fmt(m.raw.median)}, signalbox ${fmt(m.signalbox.median)} ${metric.unit}; ` +
        `ratio ${m.ratio.toFixed(2)}${m.goal ? ` (goal ${m.goal.text}: ${m.goal.met ? 'met' : 'not met'})` : ''}\n`,
    );
  }
}

const report: BenchReport = {
  date: started.toISOString().slice(0, 10),
  machine: machineInfo(postgresVersion, loadAtStart),
  settings: {
    rounds,
    'runs in flight': sizes.runs,
    'steps per run': sizes.steps,
    'concurrency per worker process': sizes.concurrency,
    'long run steps': sizes.longSteps,
    'latency samples': `${sizes.latencySamples} after ${sizes.latencyWarmup} warm-up`,
    'fan-out branches': sizes.fanOut,
    'bulk runs': sizes.bulkRuns,
    postgresql: cluster.nonDurable ? 'fsync and synchronous_commit off' : 'default settings',
    batching: 'localQueue.size = concurrency + 1, completeJobBatchDelay = 5 ms',
  },
  metrics,
};
process.stdout.write(`\n${markdownTable(report)}\n`);
if (write) for (const file of writeReport(report)) process.stdout.write(`wrote ${file}\n`);
else process.stdout.write('\n(not written to docs: full runs of every figure with ≥ 3 rounds only)\n');
