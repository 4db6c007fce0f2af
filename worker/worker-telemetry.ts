import type { EngineObserver } from '../core/engine-observer';
import type { Logger } from '../core/logger';
import { createDatabase, type Database } from '../db/client';
import { clusterMetrics } from '../metrics/cluster-metrics';
import { engineMetrics } from '../metrics/engine-metrics';
import { createMetricsRegistry } from '../metrics/metrics-registry';
import { startHealthServer } from './health-server';
import type { WorkerReadiness } from './run-worker';

export interface WorkerTelemetry {
  /** The health port actually bound (a requested 0 picks a free one); undefined when off. */
  port?: number;
  /** Pass to `startWorker`: step and run metrics. Undefined without a health port. */
  observer?: EngineObserver;
  /** Adds the cluster gauges (queue depth, live workers, running runs) read from this database. */
  watchCluster(databaseUrl: string): void;
  close(): Promise<void>;
}

/**
 * The worker's health port (`--health-port` / WORKER_HEALTH_PORT): started first, so `/health`
 * answers while the worker is still migrating and connecting (`/ready` says `starting` until then).
 * Without a port, nothing is started and nothing is counted.
 */
export async function startWorkerTelemetry(options: {
  port: number | undefined;
  process: 'worker' | 'start';
  logger: Logger;
  readiness: () => WorkerReadiness | 'starting';
}): Promise<WorkerTelemetry> {
  if (options.port === undefined) return { watchCluster: () => {}, close: async () => {} };
  const registry = createMetricsRegistry(options.process);
  const server = await startHealthServer({
    port: options.port,
    registry,
    readiness: options.readiness,
    logger: options.logger,
  });
  let database: Database | undefined;
  return {
    port: server.port,
    observer: engineMetrics(registry),
    watchCluster(databaseUrl) {
      database = createDatabase(databaseUrl, { max: 1, applicationName: 'signalbox-metrics' });
      clusterMetrics(registry, database.db, options.logger);
    },
    async close() {
      await server.close();
      await database?.close();
    },
  };
}
