import { startWorker } from '../../worker/run-worker';
import type { CliContext } from '../context';
import { migrateAll, openDatabase } from '../database';
import { shutdownSignal } from '../shutdown-signal';

/**
 * One worker process. Run as many as you like against the same PostgreSQL: they share the queue
 * through graphile-worker's SKIP LOCKED, and release a dead peer's jobs within a minute.
 */
export async function workerCommand(ctx: CliContext, options: { concurrency?: number }): Promise<void> {
  const signal = shutdownSignal();
  const database = await openDatabase(ctx.env, ctx.logger);
  await migrateAll(database.url, ctx.logger);
  const worker = await startWorker({
    databaseUrl: database.url,
    pipelines: ctx.pipelines,
    dataDir: ctx.env.SIGNALBOX_HOME,
    logger: ctx.logger,
    concurrency: options.concurrency ?? ctx.env.WORKER_CONCURRENCY,
  });
  signal.onRepeat(() => {
    ctx.logger.warn({}, 'second signal: aborting running steps now');
    process.exit(130);
  });
  await Promise.race([signal.received, worker.done]);
  await worker.stop();
  await database.release();
}
