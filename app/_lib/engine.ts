import 'server-only';
import { loadEnv } from '../../config/env';
import { createLogger } from '../../config/logger';
import type { Engine } from '../../core/engine';
import { PipelineRegistry } from '../../core/pipeline/pipeline-registry';
import { getDatabase } from '../../db/client';
import { allPipelines } from '../../pipelines/all-pipelines';

let engine: Engine | undefined;

/** The console's engine: one pooled client per server process, pipelines from `pipelines/`. */
export function getEngine(): Engine {
  if (engine) return engine;
  const env = loadEnv();
  if (!env.DATABASE_URL) {
    throw new Error('DATABASE_URL is not set: start the console with `npm start` (it provides the database).');
  }
  const database = getDatabase(env.DATABASE_URL, { max: 10, applicationName: 'signalbox-console' });
  engine = { db: database.db, registry: new PipelineRegistry(allPipelines), logger: createLogger(env, 'console') };
  return engine;
}
