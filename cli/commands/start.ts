import type { ChildProcess } from 'node:child_process';
import { startWorker } from '../../worker/run-worker';
import { type CliContext } from '../context';
import { migrateAll, openDatabase } from '../database';
import { buildConsole, buildIsStale, startConsole } from '../next-server';
import { seedIfEmpty } from './seed';

export interface StartOptions {
  dev: boolean;
  /** Run without the console (worker + database only). */
  console: boolean;
  seed: boolean;
}

/**
 * Everything in one process tree: PostgreSQL (embedded unless DATABASE_URL), migrations, a worker
 * and the console. Ctrl-C stops the console and the worker first and the database last.
 */
export async function startCommand(ctx: CliContext, options: StartOptions): Promise<void> {
  const { env, logger } = ctx;
  if (options.console && !options.dev && buildIsStale()) await buildConsole(logger);

  const database = await openDatabase(env, logger, true);
  await migrateAll(database.url, logger);
  if (options.seed) await seedIfEmpty(ctx, database.url);
  const worker = await startWorker({
    databaseUrl: database.url,
    registry: ctx.registry,
    logger,
    concurrency: env.WORKER_CONCURRENCY,
  });

  let consoleProcess: ChildProcess | undefined;
  if (options.console) {
    consoleProcess = startConsole({
      port: env.PORT,
      host: env.HOST,
      dev: options.dev,
      env: { ...process.env, DATABASE_URL: database.url },
    });
    logger.info({ url: `http://localhost:${env.PORT}` }, `Signalbox console on http://localhost:${env.PORT}`);
  }

  await new Promise<void>((resolve) => {
    let stopping = false;
    const shutdown = async (signal: string) => {
      if (stopping) {
        logger.warn({}, 'second signal: stopping now');
        consoleProcess?.kill('SIGKILL');
        await database.release();
        process.exit(130);
      }
      stopping = true;
      logger.info({ signal }, 'shutting down: console, worker, then database');
      const consoleExited = consoleProcess && consoleProcess.exitCode === null
        ? new Promise((r) => consoleProcess!.once('exit', r))
        : Promise.resolve();
      consoleProcess?.kill('SIGTERM');
      await Promise.all([worker.stop(), consoleExited]);
      await database.release();
      logger.info({}, 'stopped');
      resolve();
    };
    process.on('SIGINT', () => void shutdown('SIGINT'));
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
    consoleProcess?.once('exit', (code) => {
      if (!stopping) {
        logger.error({ code }, 'the console exited');
        void shutdown('console-exit');
      }
    });
  });
}
