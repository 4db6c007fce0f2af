import { runMigrations } from 'graphile-worker';
import type { Logger } from '../core/logger';
import { graphileLogger } from './graphile-logger';

/** Creates or upgrades graphile-worker's own schema (`graphile_worker`). */
export async function migrateQueue(databaseUrl: string, logger: Logger): Promise<void> {
  await runMigrations({ connectionString: databaseUrl, logger: graphileLogger(logger) });
}
