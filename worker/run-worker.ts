import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
import { type Runner, run, type WorkerEvents } from 'graphile-worker';
import { CRON_TASK, type Engine, STEP_TASK } from '../core/engine';
import { combineObservers, type EngineObserver } from '../core/engine-observer';
import type { Logger } from '../core/logger';
import type { PipelineRegistry } from '../core/pipeline/pipeline-registry';
import { RunningSteps, StepAborted } from '../core/runs/running-steps';
import { createDatabase } from '../db/client';
import { RUN_CHANGES_CHANNEL, type RunChangedNotice } from '../db/queries/notify-run-changed';
import { cronItems } from './cron-items';
import { graphileLogger } from './graphile-logger';
import { startHeartbeat } from './heartbeat';
import { stepLogObserver } from './step-log';
import { cronTask } from './tasks/cron-task';
import { stepTask } from './tasks/step-task';

export interface WorkerOptions {
  databaseUrl: string;
  registry: PipelineRegistry;
  logger: Logger;
  /** Steps run at once by this process. */
  concurrency: number;
  heartbeatMs?: number;
  /** A worker silent for this long is considered dead and its jobs are released. */
  staleAfterMs?: number;
  /** On stop, running steps get this long to finish before they are aborted (and re-queued). */
  shutdownGraceMs?: number;
  /** Run the pipelines' cron schedules (default true). */
  schedules?: boolean;
  pollIntervalMs?: number;
  /** Told about step attempts and run changes (metrics). */
  observer?: EngineObserver;
}

/** After the grace period, a stopping worker aborts its steps and gives the runner this long to end. */
export const HARD_STOP_AFTER_GRACE_MS = 5_000;

/** `ready` once connected with a fresh heartbeat; `stale` when heartbeats stopped (database gone). */
export type WorkerReadiness = 'ready' | 'stale' | 'draining';

export interface WorkerHandle {
  workerId: string;
  running: RunningSteps;
  readiness(): WorkerReadiness;
  /** Finishes or aborts running steps, then releases everything; bounded by the grace period. */
  stop(): Promise<void>;
  /** Resolves when the worker stops on its own (a fatal error). */
  done: Promise<void>;
}

/** Starts a worker: graphile-worker runner, cancel listener, heartbeat. */
export async function startWorker(options: WorkerOptions): Promise<WorkerHandle> {
  const workerId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const logger = options.logger.child({ workerId });
  const db = createDatabase(options.databaseUrl, {
    max: Math.min(options.concurrency + 2, 50),
    applicationName: 'signalbox-worker',
  });
  const observer = combineObservers(options.observer, stepLogObserver(logger));
  const engine: Engine = { db: db.db, registry: options.registry, logger, observer };
  const running = new RunningSteps();
  const grace = options.shutdownGraceMs ?? 10_000;
  const heartbeatMs = options.heartbeatMs ?? 5_000;

  // A cancel commits first, then this NOTIFY reaches every worker: the one running the step aborts it.
  const listener = await db.sql.listen(RUN_CHANGES_CHANNEL, (raw) => {
    const notice = JSON.parse(raw) as RunChangedNotice;
    if (notice.status !== 'cancelled') return;
    const aborted = running.abortRun(notice.runId, new StepAborted('cancel', 'run cancelled by an operator'));
    if (aborted > 0) logger.info({ runId: notice.runId, aborted }, 'aborted running step of cancelled run');
  });

  let poolId: string | null = null;
  const events: WorkerEvents = new EventEmitter();
  events.on('pool:create', ({ workerPool }) => {
    poolId = workerPool.id;
  });
  const runner: Runner = await run({
    connectionString: options.databaseUrl,
    concurrency: options.concurrency,
    maxPoolSize: options.concurrency + 2,
    noHandleSignals: true,
    pollInterval: options.pollIntervalMs ?? 2_000,
    gracefulShutdownAbortTimeout: grace,
    logger: graphileLogger(logger),
    events,
    taskList: { [STEP_TASK]: stepTask(engine, workerId, running), [CRON_TASK]: cronTask(engine) },
    parsedCronItems: options.schedules === false ? [] : cronItems(options.registry),
  });
  const heartbeat = await startHeartbeat({
    db,
    databaseUrl: options.databaseUrl,
    workerId,
    concurrency: options.concurrency,
    poolId: () => poolId,
    intervalMs: heartbeatMs,
    staleAfterMs: options.staleAfterMs ?? 30_000,
    logger,
  });
  logger.info(
    { concurrency: options.concurrency, pipelines: options.registry.list().map((p) => p.id) },
    'worker started',
  );

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      logger.info({ running: running.size, graceMs: grace }, 'worker stopping');
      const hardStop = setTimeout(() => {
        running.abortAll(new StepAborted('shutdown', 'worker is shutting down'));
        void runner.kill('shutdown grace period exceeded');
      }, grace + HARD_STOP_AFTER_GRACE_MS);
      try {
        await runner.stop();
      } catch (error) {
        logger.warn({ err: (error as Error).message }, 'runner stopped with an error');
      } finally {
        clearTimeout(hardStop);
      }
      await heartbeat.stop();
      await listener.unlisten().catch(() => undefined);
      await db.close();
      logger.info({}, 'worker stopped');
    })();
    return stopping;
  };
  const readiness = (): WorkerReadiness => {
    if (stopping) return 'draining';
    // Two missed beats: this process cannot write to the database, so it takes no jobs either.
    return Date.now() - heartbeat.lastBeatAt() > 2 * heartbeatMs + 1_000 ? 'stale' : 'ready';
  };
  return { workerId, running, readiness, stop, done: runner.promise.catch(() => undefined) };
}
