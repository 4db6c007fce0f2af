import { Gauge, type Registry } from 'prom-client';
import type { Logger } from '../core/logger';
import type { Executor } from '../db/client';
import { countLiveWorkers } from '../db/queries/count-live-workers';
import { type QueueDepth, readQueueDepth } from '../db/queries/read-queue-depth';
import { readRunningRuns } from '../db/queries/read-running-runs';

/** A worker whose heartbeat is older than this is not counted as live (the same 30 s its peers use). */
const LIVE_WORKER_MS = 30_000;

interface ClusterSnapshot {
  queue: QueueDepth;
  liveWorkers: number;
  running: { count: number; oldestIdleSeconds: number };
}

/**
 * Gauges of the whole cluster, read from PostgreSQL when Prometheus scrapes (three small queries,
 * shared by the gauges of one scrape). Every process reports the same values: aggregate them with
 * `max()`, not `sum()`. When the database cannot be reached, `signalbox_database_up` is 0 and the
 * other gauges keep their last values.
 */
export function clusterMetrics(registry: Registry, db: Executor, logger: Logger): void {
  let pending: Promise<ClusterSnapshot | undefined> | undefined;
  let last: ClusterSnapshot | undefined;
  let up = 0;
  // Gauges collect in parallel: the first one starts the read, the others share it.
  const snapshot = () => {
    pending ??= read().finally(() => {
      setTimeout(() => {
        pending = undefined;
      }, 1_000).unref();
    });
    return pending;
  };
  const read = async (): Promise<ClusterSnapshot | undefined> => {
    try {
      const [queue, liveWorkers, running] = await Promise.all([
        readQueueDepth(db),
        countLiveWorkers(db, LIVE_WORKER_MS),
        readRunningRuns(db),
      ]);
      last = { queue, liveWorkers, running };
      up = 1;
    } catch (error) {
      up = 0;
      logger.warn({ err: (error as Error).name }, 'metrics: cannot read the cluster state');
    }
    return last;
  };

  const registers = [registry];
  new Gauge({
    name: 'signalbox_database_up',
    help: 'Whether this process could read the cluster state from PostgreSQL at the last scrape.',
    registers,
    async collect() {
      await snapshot();
      this.set(up);
    },
  });
  new Gauge({
    name: 'signalbox_queue_jobs',
    help: 'graphile-worker jobs by state: ready (due, waiting for a worker), scheduled, running, failed.',
    labelNames: ['state'] as const,
    registers,
    async collect() {
      const queue = (await snapshot())?.queue;
      if (!queue) return;
      for (const state of ['ready', 'scheduled', 'running', 'failed'] as const)
        this.set({ state }, queue[state]);
    },
  });
  new Gauge({
    name: 'signalbox_queue_oldest_ready_job_age_seconds',
    help: 'How long the oldest ready job has been due: how far behind the workers are.',
    registers,
    async collect() {
      const queue = (await snapshot())?.queue;
      if (queue) this.set(queue.oldestReadyAgeSeconds);
    },
  });
  new Gauge({
    name: 'signalbox_live_workers',
    help: 'Workers with a heartbeat in the last 30 s.',
    registers,
    async collect() {
      const value = (await snapshot())?.liveWorkers;
      if (value !== undefined) this.set(value);
    },
  });
  new Gauge({
    name: 'signalbox_runs_running',
    help: 'Runs with a step to do (status running).',
    registers,
    async collect() {
      const value = (await snapshot())?.running.count;
      if (value !== undefined) this.set(value);
    },
  });
  new Gauge({
    name: 'signalbox_runs_running_oldest_idle_seconds',
    help: 'Time since the least recently changed running run last changed: a stuck run shows here.',
    registers,
    async collect() {
      const value = (await snapshot())?.running.oldestIdleSeconds;
      if (value !== undefined) this.set(value);
    },
  });
}
