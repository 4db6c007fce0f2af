import { startWorker } from '../../worker/run-worker';
import type { CliContext } from '../context';
import { migrateAll, openDatabase } from '../database';

/**
 * One worker process. Run as many as you like against the same PostgreSQL: they share the queue
 * through graphile-worker's SKIP LOCKED, and release a dead peer's jobs within a minute.
 */
export async function workerCommand(ctx: CliContext, options: { concurrency?: number }): Promise<void> {
  const database = await openDatabase(ctx.env, ctx.logger);
  await migrateAll(database.url, ctx.logger);
  const worker = await startWorker({
    databaseUrl: database.url,
    registry: ctx.registry,
    logger: ctx.logger,
    concurrency: options.concurrency ?? ctx.env.WORKER_CONCURRENCY,
  });
  await new Promise<void>((resolve) => {
    const stop = async () => {
      await worker.stop();
      await database.release();
      resolve();
    };
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
    void worker.done.then(() => stop());
  });
}
