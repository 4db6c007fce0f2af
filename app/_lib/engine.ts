import 'server-only';
import { loadEnv } from '../../config/env';
import { createLogger } from '../../config/logger';
import { createEngine, type Engine } from '../../core/engine';
import { allPipelines } from '../../pipelines/all-pipelines';

const poolKey = Symbol.for('signalbox.console-pool');

/** This bundle's engine. */
let engine: Engine | undefined;

/**
 * The console's engine: one pool per server process (on `globalThis`, so dev reloads and every
 * bundle of the build share it), pipelines from `pipelines/`. The engine itself is per bundle: Next
 * builds route handlers and pages into separate bundles, each with its own copy of `core` — an
 * engine made by one would throw errors (and hold schemas) that the other's `instanceof` and
 * identity checks do not recognise.
 */
export function getEngine(): Engine {
  if (engine) return engine;
  const env = loadEnv();
  if (!env.DATABASE_URL) {
    throw new Error(
      'DATABASE_URL is not set: start the console with `npm start` (it provides the database).',
    );
  }
  const holder = globalThis as typeof globalThis & { [poolKey]?: Engine };
  holder[poolKey] ??= createEngine({
    database: env.DATABASE_URL,
    pool: { max: 10, applicationName: 'signalbox-console' },
    pipelines: [],
  });
  const pool = holder[poolKey];
  engine = createEngine({
    database: { db: pool.db, sql: pool.sql, close: pool.close },
    pipelines: allPipelines,
    logger: createLogger(env, 'console'),
  });
  return engine;
}
