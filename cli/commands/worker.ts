import { retentionPolicy } from '../../config/env';
import { startWorker, type WorkerHandle } from '../../worker/run-worker';
import { startWorkerTelemetry } from '../../worker/worker-telemetry';
import type { CliContext } from '../context';
import { migrateAll, openDatabase } from '../database';
import { shutdownSignal } from '../shutdown-signal';

export interface WorkerOptions {
  concurrency?: number;
  /** Serve /health, /ready and /metrics on this port. */
  healthPort?: number;
}

/**
 * One worker process. Run as many as you like against the same PostgreSQL: they share the queue
 * through graphile-worker's SKIP LOCKED, and release a dead peer's jobs within a minute.
 */
export async function workerCommand(ctx: CliContext, options: WorkerOptions): Promise<void> {
  const signal = shutdownSignal();
  let worker: WorkerHandle | undefined;
  const telemetry = await startWorkerTelemetry({
    port: options.healthPort ?? ctx.env.WORKER_HEALTH_PORT,
    process: 'worker',
    logger: ctx.logger,
    readiness: () => worker?.readiness() ?? 'starting',
  });
  const database = await openDatabase(ctx.env, ctx.logger);
  telemetry.watchCluster(database.url);
  await migrateAll(database.url, ctx.logger);
  worker = await startWorker({
    databaseUrl: database.url,
    pipelines: ctx.pipelines,
    dataDir: ctx.env.SIGNALBOX_HOME,
    logger: ctx.logger,
    concurrency: options.concurrency ?? ctx.env.WORKER_CONCURRENCY,
    shutdownGraceMs: ctx.env.WORKER_GRACE_SECONDS * 1000,
    observer: telemetry.observer,
    retention: retentionPolicy(ctx.env),
  });
  signal.onRepeat(() => {
    ctx.logger.warn({}, 'second signal: aborting running steps now');
    process.exit(130);
  });
  await Promise.race([signal.received, worker.done]);
  await worker.stop();
  await telemetry.close();
  await database.release();
}
