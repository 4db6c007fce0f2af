// One side of a measurement (Signalbox or raw graphile-worker) on its own fresh cluster: its worker
// processes, a client to start work with, and a watcher that hears work finish.
import postgres from 'postgres';
import { createSystemActor } from '../../core/auth/system-actor';
import { createEngine, type Engine } from '../../core/engine';
import { startRun } from '../../core/runs/start-run';
import { startRuns } from '../../core/runs/start-runs';
import { RUN_CHANGES_CHANNEL, type RunChangedNotice } from '../../db/queries/notify-run-changed';
import { benchPipelines, chainPipelineId, FAN_OUT_PIPELINE_ID } from './bench-pipelines';
import { type ClusterOptions, freshCluster, postgresCpuMs } from './fresh-cluster';
import { prepareRaw, RAW_DONE_CHANNEL, startRawChain, startRawChains, startRawFanOut } from './raw-graphile';
import { startWorkerProcesses, type WorkerProcesses } from './worker-processes';

export type SideName = 'raw' | 'signalbox';
export const SIDES = ['raw', 'signalbox'] as const;

export interface SideSetup {
  side: SideName;
  /** Worker processes and the concurrency of each. */
  processes: number;
  concurrency: number;
  batching: boolean;
  shape: { chains: number[]; fanOut: number };
  cluster?: ClusterOptions;
  cpuProfileDir?: string;
}

/** What a figure can do with a side, the same way on both. */
export interface BenchSide {
  side: SideName;
  workers: WorkerProcesses;
  /** Starts `count` runs (chains) of `steps` steps in one call. */
  startMany(count: number, steps: number): Promise<void>;
  /** Starts one run of `steps` steps; a probe key makes its first step report its start. */
  startOne(steps: number, probe?: string): Promise<void>;
  startFanOut(branches: number): Promise<void>;
  /** Resolves when `count` more runs have finished (counted from this call). */
  finished(count: number): Promise<void>;
  /** Resolves with the time (monotonic, ns) the probed step started. */
  stepStarted(probe: string): Promise<bigint>;
  postgresCpuMs(): number;
  /** WAL written so far (bytes). */
  walBytes(): Promise<number>;
  /** The database, for profiling queries. */
  sql: postgres.Sql;
  url: string;
  close(): Promise<void>;
}

const BENCH = createSystemActor('bench');

export async function openSide(setup: SideSetup): Promise<BenchSide> {
  const cluster = await freshCluster(`signalbox-bench-${setup.side}`, setup.cluster);
  const url = await cluster.database('bench');
  const sql = postgres(url, { max: 4, onnotice: () => {} });
  if (setup.side === 'raw') await prepareRaw(sql);
  const started = new Map<string, bigint>();
  const waiting = new Map<string, (at: bigint) => void>();
  const workers = await startWorkerProcesses(
    { side: setup.side, url, concurrency: setup.concurrency, batching: setup.batching, ...setup.shape },
    setup.processes,
    {
      cpuProfileDir: setup.cpuProfileDir,
      onStepStarted: (message) => {
        const at = BigInt(message.at);
        const resolve = waiting.get(message.key);
        if (resolve) resolve(at);
        else started.set(message.key, at);
      },
    },
  );

  let done = 0;
  const waiters: { target: number; resolve: () => void }[] = [];
  const onDone = () => {
    done += 1;
    for (const w of waiters.filter((x) => done >= x.target)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  };
  const listener =
    setup.side === 'signalbox'
      ? await sql.listen(RUN_CHANGES_CHANNEL, (raw) => {
          if ((JSON.parse(raw) as RunChangedNotice).status === 'succeeded') onDone();
        })
      : await sql.listen(RAW_DONE_CHANNEL, onDone);

  const engine: Engine | undefined =
    setup.side === 'signalbox'
      ? createEngine({ database: url, pool: { max: 4 }, pipelines: benchPipelines(setup.shape) })
      : undefined;
  let nextId = 1;
  const take = (n: number) => {
    const first = nextId;
    nextId += n;
    return first;
  };
  const common = {
    side: setup.side,
    workers,
    sql,
    url,
    finished: (count: number) =>
      new Promise<void>((resolve) => {
        waiters.push({ target: done + count, resolve });
      }),
    stepStarted: (probe: string) => {
      const at = started.get(probe);
      if (at !== undefined) return Promise.resolve(at);
      return new Promise<bigint>((resolve) => waiting.set(probe, resolve));
    },
    postgresCpuMs: () => postgresCpuMs(cluster.server.pid),
    walBytes: async () => {
      const [row] = await sql<
        { b: string }[]
      >`select (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::text as b`;
      return Number(row!.b);
    },
    async close() {
      await workers.stop();
      await listener.unlisten();
      await engine?.close();
      await sql.end({ timeout: 5 });
      await cluster.server.stop();
    },
  };
  if (engine) {
    return {
      ...common,
      async startMany(count, steps) {
        const runs = Array.from({ length: count }, () => ({ input: {} }));
        await startRuns(engine, { pipelineId: chainPipelineId(steps), runs }, BENCH);
      },
      async startOne(steps, probe) {
        await startRun(engine, { pipelineId: chainPipelineId(steps), input: probe ? { probe } : {} }, BENCH);
      },
      async startFanOut() {
        await startRun(engine, { pipelineId: FAN_OUT_PIPELINE_ID, input: {} }, BENCH);
      },
    };
  }
  return {
    ...common,
    startMany: (count, steps) => startRawChains(sql, take(count), count, steps),
    startOne: (steps, probe) => startRawChain(sql, take(1), steps, probe),
    startFanOut: (branches) => startRawFanOut(sql, take(1), branches),
  };
}
