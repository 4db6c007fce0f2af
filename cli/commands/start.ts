import type { ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { authSecret } from '../../config/auth-config';
import { consoleUrl, retentionPolicy } from '../../config/env';
import { createEngine } from '../../core/engine';
import { guardProcessAgainstDatabaseErrors } from '../../worker/process-guard';
import { startWorker, type WorkerHandle } from '../../worker/run-worker';
import { startWorkerTelemetry } from '../../worker/worker-telemetry';
import type { CliContext } from '../context';
import { migrateAll, openDatabase } from '../database';
import { buildConsole, buildIsStale, startConsole } from '../next-server';
import { shutdownSignal } from '../shutdown-signal';
import { announceFirstAdmin } from './first-admin';
import { seedIfEmpty } from './seed';

export interface StartOptions {
  dev: boolean;
  /** Run without the console (worker + database only). */
  console: boolean;
  seed: boolean;
}

/**
 * Everything in one process tree: PostgreSQL (embedded unless DATABASE_URL), migrations, a worker
 * and the console. Ctrl-C stops the console and the worker first and the database last. Once
 * running, a database that goes away (stopped, restarted, a dropped connection) stops nothing: the
 * worker and the console wait for it and carry on.
 */
export async function startCommand(ctx: CliContext, options: StartOptions): Promise<void> {
  const { env, logger } = ctx;
  const signal = shutdownSignal();
  guardProcessAgainstDatabaseErrors(logger);
  if (options.console && !options.dev && buildIsStale()) await buildConsole(logger);

  let worker: WorkerHandle | undefined;
  const telemetry = await startWorkerTelemetry({
    port: env.WORKER_HEALTH_PORT,
    process: 'start',
    logger,
    readiness: () => worker?.readiness() ?? 'starting',
  });
  const database = await openDatabase(env, logger, true);
  telemetry.watchCluster(database.url);
  await migrateAll(database.url, logger);
  const secret = authSecret(env);
  const engine = createEngine({
    database: database.url,
    pool: { max: 1, applicationName: 'signalbox-start' },
    pipelines: ctx.pipelines,
    logger,
  });
  try {
    if (options.seed) await seedIfEmpty(ctx, engine);
    await announceFirstAdmin(ctx, engine);
  } finally {
    await engine.close();
  }
  worker = await startWorker({
    databaseUrl: database.url,
    pipelines: ctx.pipelines,
    dataDir: ctx.env.SIGNALBOX_HOME,
    logger,
    concurrency: env.WORKER_CONCURRENCY,
    shutdownGraceMs: env.WORKER_GRACE_SECONDS * 1000,
    maxChainedSteps: env.WORKER_MAX_CHAINED_STEPS,
    observer: telemetry.observer,
    retention: retentionPolicy(ctx.env),
    alerts: { consoleUrl: consoleUrl(env) },
  });
  const running = worker;

  let consoleProcess: ChildProcess | undefined;
  if (options.console) {
    consoleProcess = startConsole({
      port: env.PORT,
      host: env.HOST,
      dev: options.dev,
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        SIGNALBOX_HOME: resolve(env.SIGNALBOX_HOME),
        SIGNALBOX_AUTH_SECRET: secret,
      },
    });
    logger.info({ url: `http://localhost:${env.PORT}` }, `Signalbox console on http://localhost:${env.PORT}`);
  }

  signal.onRepeat(() => {
    logger.warn({}, 'second signal: stopping now');
    consoleProcess?.kill('SIGKILL');
    void database.release().finally(() => process.exit(130));
  });
  const consoleExit = consoleProcess
    ? new Promise<string>((resolve) => consoleProcess!.once('exit', () => resolve('console-exit')))
    : new Promise<string>(() => {});
  const reason = await Promise.race([signal.received, consoleExit, running.done.then(() => 'worker-exit')]);
  if (reason === 'console-exit') logger.error({}, 'the console exited');
  logger.info({ reason }, 'shutting down: console, worker, then database');
  if (consoleProcess && consoleProcess.exitCode === null) consoleProcess.kill('SIGTERM');
  await Promise.all([running.stop(), consoleProcess ? consoleExit : undefined]);
  await telemetry.close();
  await database.release();
  logger.info({}, 'stopped');
}
