import 'server-only';
import { loadEnv } from '../../config/env';
import { createLogger } from '../../config/logger';
import { createEngine, type Engine } from '../../core/engine';
import { allPipelines } from '../../pipelines/all-pipelines';

const cacheKey = Symbol.for('signalbox.console-engine');

/**
 * The console's engine: one pool per server process (kept across dev reloads, which re-evaluate
 * modules), pipelines from `pipelines/`.
 */
export function getEngine(): Engine {
  const holder = globalThis as typeof globalThis & { [cacheKey]?: Engine };
  if (holder[cacheKey]) return holder[cacheKey];
  const env = loadEnv();
  if (!env.DATABASE_URL) {
    throw new Error(
      'DATABASE_URL is not set: start the console with `npm start` (it provides the database).',
    );
  }
  holder[cacheKey] = createEngine({
    database: env.DATABASE_URL,
    pool: { max: 10, applicationName: 'signalbox-console' },
    pipelines: allPipelines,
    logger: createLogger(env, 'console'),
  });
  return holder[cacheKey];
}
