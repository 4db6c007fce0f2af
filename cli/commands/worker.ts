import { consoleUrl, retentionPolicy } from '../../config/env';
import { untilDatabaseAnswers } from '../../core/runs/until-database-answers';
import { guardProcessAgainstDatabaseErrors } from '../../worker/process-guard';
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
 * through graphile-worker's SKIP LOCKED, and release a dead peer's jobs within seconds. It waits for
 * a database that is not there yet, and rides through outages without exiting.
 */
export async function workerCommand(ctx: CliContext, options: WorkerOptions): Promise<void> {
  const signal = shutdownSignal();
  guardProcessAgainstDatabaseErrors(ctx.logger);
  let worker: WorkerHandle | undefined;
  const telemetry = await startWorkerTelemetry({
    port: options.healthPort ?? ctx.env.WORKER_HEALTH_PORT,
    process: 'worker',
    logger: ctx.logger,
    readiness: () => worker?.readiness() ?? 'starting',
  });
  const database = await openDatabase(ctx.env, ctx.logger);
  telemetry.watchCluster(database.url);
  const abort = new AbortController();
  void signal.received.then(() => abort.abort());
  const wait = { logger: ctx.logger, signal: abort.signal, what: { phase: 'start-up' } };
  await untilDatabaseAnswers(() => migrateAll(database.url, ctx.logger), wait);
  worker = await untilDatabaseAnswers(
    () =>
      startWorker({
        databaseUrl: database.url,
        pipelines: ctx.pipelines,
        dataDir: ctx.env.SIGNALBOX_HOME,
        logger: ctx.logger,
        concurrency: options.concurrency ?? ctx.env.WORKER_CONCURRENCY,
        shutdownGraceMs: ctx.env.WORKER_GRACE_SECONDS * 1000,
        maxChainedSteps: ctx.env.WORKER_MAX_CHAINED_STEPS,
        observer: telemetry.observer,
        retention: retentionPolicy(ctx.env),
        alerts: { consoleUrl: consoleUrl(ctx.env) },
      }),
    wait,
  );
  signal.onRepeat(() => {
    ctx.logger.warn({}, 'second signal: aborting running steps now');
    process.exit(130);
  });
  await Promise.race([signal.received, worker.done]);
  await worker.stop();
  await telemetry.close();
  await database.release();
}
