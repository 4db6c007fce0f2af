import { type Env, loadEnv } from '../config/env';
import { createLogger } from '../config/logger';
import type { Engine } from '../core/engine';
import type { Logger } from '../core/logger';
import { PipelineRegistry } from '../core/pipeline/pipeline-registry';
import { createDatabase } from '../db/client';
import { allPipelines } from '../pipelines/all-pipelines';
import { type DatabaseHandle, migrateAll, openDatabase } from './database';

/** A CLI failure with a message for people and an exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export interface CliContext {
  env: Env;
  logger: Logger;
  registry: PipelineRegistry;
}

/** `oneShot` commands (run, status, seed, migrate) only log warnings unless LOG_LEVEL says otherwise. */
export function cliContext(name: string, oneShot = false): CliContext {
  const env = loadEnv();
  return {
    env,
    logger: createLogger(env, name, oneShot ? 'warn' : 'info'),
    registry: new PipelineRegistry(allPipelines),
  };
}

/** Opens the database (migrated), builds an engine, runs `work`, and closes everything. */
export async function withEngine<T>(
  ctx: CliContext,
  work: (engine: Engine, db: DatabaseHandle) => Promise<T>,
): Promise<T> {
  const handle = await openDatabase(ctx.env, ctx.logger);
  const database = createDatabase(handle.url, { max: 2, applicationName: 'signalbox-cli' });
  try {
    await migrateAll(handle.url, ctx.logger);
    return await work({ db: database.db, registry: ctx.registry, logger: ctx.logger }, handle);
  } finally {
    await database.close();
    await handle.release();
  }
}
