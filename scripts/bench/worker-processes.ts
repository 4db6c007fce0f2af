import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import type { StepStartedMessage } from './bench-pipelines';
import type { BenchWorkerConfig, DriverMessage, UsageMessage } from './bench-worker';

export interface WorkerUsage {
  /** CPU time of all worker processes since `mark()`. */
  cpuMs: number;
  /** The largest peak RSS of one worker process. */
  maxRssMiB: number;
}

export interface WorkerProcesses {
  /** Starts counting CPU time from now. */
  mark(): void;
  usage(): Promise<WorkerUsage>;
  stop(): Promise<void>;
}

const WORKER_SCRIPT = join(import.meta.dirname, 'bench-worker.ts');

function request<T>(child: ChildProcess, message: DriverMessage, answer: string): Promise<T> {
  return new Promise((resolve) => {
    const onMessage = (reply: { t: string }) => {
      if (reply.t !== answer) return;
      child.off('message', onMessage);
      resolve(reply as T);
    };
    child.on('message', onMessage);
    child.send(message);
  });
}

/**
 * Starts `count` benchmark worker processes and waits until each is ready. `onStepStarted` hears
 * the probed steps; `cpuProfileDir` makes each process write a V8 CPU profile there on exit.
 */
export async function startWorkerProcesses(
  config: BenchWorkerConfig,
  count: number,
  options: { onStepStarted?: (message: StepStartedMessage, at: bigint) => void; cpuProfileDir?: string } = {},
): Promise<WorkerProcesses> {
  const children = Array.from({ length: count }, () =>
    fork(WORKER_SCRIPT, [], {
      execArgv: [
        '--import',
        'tsx',
        ...(options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : []),
      ],
      env: { ...process.env, BENCH_WORKER: JSON.stringify(config) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve, reject) => {
          child.once('exit', (code) => reject(new Error(`bench worker exited early (code ${code})`)));
          const onMessage = (message: { t: string }) => {
            if (message.t !== 'ready') return;
            child.off('message', onMessage);
            resolve();
          };
          child.on('message', onMessage);
        }),
    ),
  );
  for (const child of children) {
    child.removeAllListeners('exit');
    child.on('message', (message: { t: string }) => {
      if (message.t === 'step-started')
        options.onStepStarted?.(message as StepStartedMessage, process.hrtime.bigint());
    });
  }
  return {
    mark: () => {
      for (const child of children) child.send({ t: 'mark' } satisfies DriverMessage);
    },
    async usage() {
      const all = await Promise.all(children.map((c) => request<UsageMessage>(c, { t: 'usage' }, 'usage')));
      return {
        cpuMs: all.reduce((sum, u) => sum + u.cpuMs, 0),
        maxRssMiB: Math.max(...all.map((u) => u.maxRssMiB)),
      };
    },
    async stop() {
      await Promise.all(
        children.map(async (child) => {
          const exited = once(child, 'exit');
          await request(child, { t: 'stop' }, 'stopped');
          await exited;
        }),
      );
    },
  };
}
