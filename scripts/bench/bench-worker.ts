// One benchmark worker process: a Signalbox worker or a raw graphile-worker runner, so that each
// side's RSS and CPU time are its own. Driven over IPC by worker-processes.ts:
//   → ready | usage { cpuMs, maxRssMiB, rssMiB } | step-started | stopped
//   ← mark (start counting CPU) | usage | stop
import { run } from 'graphile-worker';
import { silentLogger } from '../../core/logger';
import type { GroupCommitOptions } from '../../core/runs/transition/group-commit';
import { graphileLogger } from '../../worker/graphile-logger';
import { startWorker } from '../../worker/run-worker';
import { benchPipelines } from './bench-pipelines';
import { rawTasks } from './raw-graphile';

export interface BenchWorkerConfig {
  side: 'signalbox' | 'raw';
  url: string;
  concurrency: number;
  batching: boolean;
  chains: number[];
  fanOut: number;
}

export type DriverMessage = { t: 'mark' } | { t: 'usage' } | { t: 'stop' };
export interface UsageMessage {
  t: 'usage';
  cpuMs: number;
  maxRssMiB: number;
  rssMiB: number;
}

const config = JSON.parse(process.env.BENCH_WORKER ?? 'null') as BenchWorkerConfig | null;
if (!config || !process.send)
  throw new Error('bench-worker.ts is started by the benchmark (IPC + BENCH_WORKER)');
const send = (message: object) => process.send?.(message);
// Batching as graphile-worker's docs suggest starting: a local queue a little larger than the
// concurrency, completions batched over a short window.
const batching = { localQueueSize: config.concurrency + 1, completeJobBatchDelayMs: 5 };
// Signalbox's group commit as the worker's defaults, or as SIGNALBOX_BENCH_GROUP_COMMIT says
// (GroupCommitOptions as JSON, or `false`), to compare settings in one benchmark.
const groupCommit = JSON.parse(process.env.SIGNALBOX_BENCH_GROUP_COMMIT ?? 'null') as
  | GroupCommitOptions
  | false
  | null;

async function start(cfg: BenchWorkerConfig): Promise<() => Promise<void>> {
  if (cfg.side === 'signalbox') {
    const worker = await startWorker({
      databaseUrl: cfg.url,
      pipelines: benchPipelines(cfg),
      logger: silentLogger,
      concurrency: cfg.concurrency,
      schedules: false,
      ...(cfg.batching && { batching }),
      ...(groupCommit !== null && { groupCommit }),
    });
    return () => worker.stop();
  }
  const runner = await run({
    connectionString: cfg.url,
    concurrency: cfg.concurrency,
    noHandleSignals: true,
    logger: graphileLogger(silentLogger),
    taskList: rawTasks,
    ...(cfg.batching && {
      preset: {
        worker: {
          localQueue: { size: batching.localQueueSize },
          completeJobBatchDelay: batching.completeJobBatchDelayMs,
        },
      },
    }),
  });
  return () => runner.stop();
}

const stop = await start(config);
let mark = process.cpuUsage();
process.on('message', async (message: DriverMessage) => {
  switch (message.t) {
    case 'mark':
      mark = process.cpuUsage();
      return;
    case 'usage': {
      const used = process.cpuUsage(mark);
      const usage: UsageMessage = {
        t: 'usage',
        cpuMs: (used.user + used.system) / 1000,
        maxRssMiB: process.resourceUsage().maxRSS / 1024,
        rssMiB: process.memoryUsage.rss() / 1024 / 1024,
      };
      send(usage);
      return;
    }
    case 'stop':
      await stop();
      process.send?.({ t: 'stopped' }, () => process.exit(0));
      return;
  }
});
send({ t: 'ready' });
