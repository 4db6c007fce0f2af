import { type Env, loadEnv } from '../config/env';
import { createLogger } from '../config/logger';
import type { SystemActor } from '../core/auth/actor';
import { createSystemActor } from '../core/auth/system-actor';
import type { Pipeline } from '../core/definition/define-pipeline';
import { createEngine, type Engine } from '../core/engine';
import type { Logger } from '../core/logger';
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
  pipelines: readonly Pipeline[];
  /** Who the CLI acts as: whoever runs it holds the database credentials, so it may do everything. */
  actor: SystemActor;
}

/** `oneShot` commands (run, status, seed, migrate) only log warnings unless LOG_LEVEL says otherwise. */
export function cliContext(name: string, oneShot = false): CliContext {
  const env = loadEnv();
  return {
    env,
    logger: createLogger(env, name, oneShot ? 'warn' : 'info'),
    pipelines: allPipelines,
    actor: createSystemActor('cli'),
  };
}

/** Opens the database (migrated), builds an engine, runs `work`, and closes everything. */
export async function withEngine<T>(
  ctx: CliContext,
  work: (engine: Engine, db: DatabaseHandle) => Promise<T>,
): Promise<T> {
  const handle = await openDatabase(ctx.env, ctx.logger);
  const engine = createEngine({
    database: handle.url,
    pool: { max: 2, applicationName: 'signalbox-cli' },
    pipelines: ctx.pipelines,
    logger: ctx.logger,
  });
  try {
    await migrateAll(handle.url, ctx.logger);
    return await work(engine, handle);
  } finally {
    await engine.close();
    await handle.release();
  }
}
