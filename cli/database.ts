import { join } from 'node:path';
import type { Env } from '../config/env';
import type { Logger } from '../core/logger';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../db/embedded/embedded-postgres';
import { migrateDatabase } from '../db/migrate';
import { migrateQueue } from '../worker/migrate-queue';

export interface DatabaseHandle {
  url: string;
  embedded?: EmbeddedPostgres;
  /** Stops the embedded server if this process started it. */
  release(): Promise<void>;
}

/**
 * DATABASE_URL when set; otherwise the embedded PostgreSQL under SIGNALBOX_HOME (started if needed,
 * reused if another signalbox process already runs it). `release()` stops the embedded server only
 * if this process started it, or if `own` is set (`signalbox start` owns the server it finds).
 */
export async function openDatabase(env: Env, logger: Logger, own = false): Promise<DatabaseHandle> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, release: async () => {} };
  const embedded = await startEmbeddedPostgres({
    home: env.SIGNALBOX_HOME,
    port: env.SIGNALBOX_PG_PORT,
    database: 'signalbox',
    log: (line) => logger.info({ pgdata: join(env.SIGNALBOX_HOME, 'pgdata') }, line),
  });
  const release = async () => {
    if (own || !embedded.adopted) await embedded.stop();
  };
  return { url: embedded.url, embedded, release };
}

/** Applies Signalbox's migrations and graphile-worker's. */
export async function migrateAll(url: string, logger: Logger): Promise<void> {
  await migrateDatabase(url);
  await migrateQueue(url, logger);
  logger.info({}, 'database migrated');
}
