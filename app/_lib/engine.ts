import 'server-only';
import type postgres from 'postgres';
import { loadEnv } from '../../config/env';
import { createLogger } from '../../config/logger';
import type { Engine } from '../../core/engine';
import { PipelineRegistry } from '../../core/pipeline/pipeline-registry';
import { type Database, getDatabase } from '../../db/client';
import { allPipelines } from '../../pipelines/all-pipelines';
import { requestLogFields } from './http/request-context';
import { consoleMetrics } from './metrics/console-metrics';

let engine: Engine | undefined;

/** One pooled client per server process and URL (cached across dev reloads by `getDatabase`). */
function consoleDatabase(): Database {
  const env = loadEnv();
  if (!env.DATABASE_URL) {
    throw new Error(
      'DATABASE_URL is not set: start the console with `npm start` (it provides the database).',
    );
  }
  return getDatabase(env.DATABASE_URL, { max: 10, applicationName: 'signalbox-console' });
}

/** The console's engine: one pooled client per server process, pipelines from `pipelines/`. */
export function getEngine(): Engine {
  if (engine) return engine;
  const env = loadEnv();
  engine = {
    db: consoleDatabase().db,
    registry: new PipelineRegistry(allPipelines),
    logger: createLogger(env, 'console', 'info', { context: requestLogFields }),
    observer: consoleMetrics().observer,
  };
  return engine;
}

/** The raw client of the same pool, for LISTEN (postgres.js gives LISTEN its own connection). */
export function getListenClient(): postgres.Sql {
  return consoleDatabase().sql;
}
