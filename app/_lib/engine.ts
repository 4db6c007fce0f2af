import 'server-only';
import { loadEnv } from '../../config/env';
import { createLogger } from '../../config/logger';
import { createEngine, type Engine, sharedDatabase } from '../../core/engine';
import { allPipelines } from '../../pipelines/all-pipelines';
import { requestLogFields } from './http/request-context';
import { consoleMetrics } from './metrics/console-metrics';

let engine: Engine | undefined;

/**
 * The console's engine, over one pool per server process. Built per module instance (a production
 * server evaluates this module once per route bundle, each with its own copies of `core` and the
 * pipelines, whose classes and schemas must stay together); the pool is shared across them.
 */
export function getEngine(): Engine {
  if (engine) return engine;
  const env = loadEnv();
  if (!env.DATABASE_URL) {
    throw new Error(
      'DATABASE_URL is not set: start the console with `npm start` (it provides the database).',
    );
  }
  engine = createEngine({
    database: sharedDatabase(env.DATABASE_URL, { max: 10, applicationName: 'signalbox-console' }),
    pipelines: allPipelines,
    logger: createLogger(env, 'console', 'info', { context: requestLogFields }),
    observer: consoleMetrics().observer,
  });
  return engine;
}
