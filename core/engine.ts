import { createDatabase, type Database, type DatabaseOptions, getDatabase } from '../db/client';
import type { Pipeline } from './definition/define-pipeline';
import { PipelineRegistry } from './definition/pipeline-registry';
import type { EngineObserver } from './engine-observer';
import { type Logger, silentLogger } from './logger';

/** What every use-case needs: the database, the pipelines, a logger. Built once per process by `createEngine`. */
export interface Engine {
  db: Database['db'];
  /** The raw client of the same pool. */
  sql: Database['sql'];
  /** LISTEN on the database's dedicated, self-healing listen connection. */
  listen: Database['listen'];
  /** The listen connection's backend (see `Database.listenSession`). */
  listenSession: Database['listenSession'];
  registry: PipelineRegistry;
  logger: Logger;
  /** Told about committed changes and step attempts (metrics, logs); optional. */
  observer?: EngineObserver;
  /** Closes the pool the engine opened (a database handed in stays open). */
  close(): Promise<void>;
}

export interface EngineConfig {
  /** A connection string (the engine opens and owns a pool) or an open database (shared; left open on close). */
  database: string | Database;
  /** Pool size and name, when the engine opens the pool. */
  pool?: DatabaseOptions;
  /** Every pipeline (and old version) this process runs. */
  pipelines: readonly Pipeline[];
  logger?: Logger;
  observer?: EngineObserver;
}

/**
 * Assembles the engine: one pool, the pipeline registry, the logger. The console, the worker, the
 * CLI and the tests all build theirs here.
 */
export function createEngine(config: EngineConfig): Engine {
  const owned = typeof config.database === 'string';
  const database =
    typeof config.database === 'string' ? createDatabase(config.database, config.pool) : config.database;
  return {
    db: database.db,
    sql: database.sql,
    listen: database.listen,
    listenSession: database.listenSession,
    registry: new PipelineRegistry(config.pipelines),
    logger: config.logger ?? silentLogger,
    observer: config.observer,
    close: () => (owned ? database.close() : Promise.resolve()),
  };
}

/**
 * One pool per URL and process, shared by every engine that asks (a Next.js server evaluates modules
 * once per route bundle: each bundle builds its own engine, and they must not each open a pool).
 */
export const sharedDatabase = (url: string, pool?: DatabaseOptions): Database => getDatabase(url, pool);

/** graphile-worker task names. */
export const STEP_TASK = 'signalbox.step';
export const CRON_TASK = 'signalbox.cron';
export const TIMER_TASK = 'signalbox.timer';
export const BULK_ACTION_TASK = 'signalbox.bulk-action';

/**
 * graphile-worker's own attempts only cover infrastructure failures (a crashed worker, a lost
 * connection): step failures are retried by the engine with the step's policy.
 */
export const JOB_MAX_ATTEMPTS = 10;

/** Payload of a timer job: the timer it was made for (a moved or dropped timer makes it stale). */
export interface TimerJobPayload {
  runId: string;
  /** The xstate event the timer sends: `xstate.after.<delay>.<state id>`. */
  event: string;
  since: number;
  dueAt: string;
}

/** Payload of a step job: the step instance it was made for. */
export interface StepJobPayload {
  runId: string;
  state: string;
  /** Run version at which the state was entered. */
  since: number;
  attempt: number;
}
