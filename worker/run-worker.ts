import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
import { type Runner, run, type WorkerEvents } from 'graphile-worker';
import { createSystemActor } from '../core/auth/system-actor';
import type { Pipeline } from '../core/definition/define-pipeline';
import { CRON_TASK, createEngine, STEP_TASK, TIMER_TASK } from '../core/engine';
import { combineObservers, type EngineObserver } from '../core/engine-observer';
import { RunNoticeBatch } from '../core/live/run-notice-batch';
import { watchRunChanges } from '../core/live/watch-run-changes';
import type { Logger } from '../core/logger';
import { RunningSteps, StepAborted } from '../core/runs/running-steps';
import { cronItems } from './cron-items';
import { graphileLogger } from './graphile-logger';
import { startHeartbeat } from './heartbeat';
import { stepLogObserver } from './step-log';
import { cronTask } from './tasks/cron-task';
import { stepTask } from './tasks/step-task';
import { timerTask } from './tasks/timer-task';

export interface WorkerOptions {
  databaseUrl: string;
  /** Every pipeline (and old version) to run. */
  pipelines: readonly Pipeline[];
  logger: Logger;
  /** Steps run at once by this process. */
  concurrency: number;
  /** The installation's data folder (SIGNALBOX_HOME), handed to schedules (e.g. an inbox under it). */
  dataDir?: string | null;
  heartbeatMs?: number;
  /** A worker silent for this long is considered dead and its jobs are released. */
  staleAfterMs?: number;
  /** On stop, running steps get this long to finish before they are aborted (and re-queued). */
  shutdownGraceMs?: number;
  /** Run the pipelines' cron schedules (default true). */
  schedules?: boolean;
  pollIntervalMs?: number;
  /**
   * graphile-worker's batching (off by default): fetch up to `localQueueSize` jobs per query, and
   * complete finished jobs together after `completeJobBatchDelayMs`. Safe here: a job that runs again
   * after a crash (its completion not yet written) finds its step no longer current and does nothing,
   * and the heartbeat releases the jobs a dead worker held in its local queue.
   */
  batching?: { localQueueSize: number; completeJobBatchDelayMs: number };
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

/** The actor workers act as: on transitions their steps cause, and on runs that schedules and steps start. */
const WORKER_ACTOR = createSystemActor('worker');

/** Starts a worker: graphile-worker runner, cancel listener, heartbeat. */
export async function startWorker(options: WorkerOptions): Promise<WorkerHandle> {
  const workerId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const logger = options.logger.child({ workerId });
  const engine = createEngine({
    database: options.databaseUrl,
    pool: { max: Math.min(options.concurrency + 2, 50), applicationName: 'signalbox-worker' },
    pipelines: options.pipelines,
    logger,
    observer: combineObservers(options.observer, stepLogObserver(logger)),
  });
  const running = new RunningSteps();
  const notices = new RunNoticeBatch(engine);
  const grace = options.shutdownGraceMs ?? 10_000;
  const heartbeatMs = options.heartbeatMs ?? 5_000;

  // A cancel commits first, then this NOTIFY reaches every worker: the one running the step aborts it.
  // A run failed by a deadline (a timer) ends its running steps the same way.
  const unlisten = await watchRunChanges(engine, (notice) => {
    if (notice.status !== 'cancelled' && notice.status !== 'failed') return;
    const why = notice.status === 'cancelled' ? 'run cancelled by an operator' : 'run failed';
    const aborted = running.abortRun(notice.runId, new StepAborted('cancel', why));
    if (aborted > 0) logger.info({ runId: notice.runId, aborted }, `aborted running step: ${why}`);
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
    taskList: {
      [STEP_TASK]: stepTask(engine, { workerId, running, actor: WORKER_ACTOR, notices }),
      [CRON_TASK]: cronTask(engine, { dataDir: options.dataDir ?? null }),
      [TIMER_TASK]: timerTask(engine, WORKER_ACTOR),
    },
    parsedCronItems: options.schedules === false ? [] : cronItems(engine.registry),
    ...(options.batching && {
      preset: {
        worker: {
          localQueue: { size: options.batching.localQueueSize },
          completeJobBatchDelay: options.batching.completeJobBatchDelayMs,
        },
      },
    }),
  });
  const heartbeat = await startHeartbeat({
    engine,
    databaseUrl: options.databaseUrl,
    workerId,
    concurrency: options.concurrency,
    poolId: () => poolId,
    intervalMs: heartbeatMs,
    staleAfterMs: options.staleAfterMs ?? 30_000,
    logger,
  });
  logger.info(
    { concurrency: options.concurrency, pipelines: engine.registry.list().map((p) => p.id) },
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
      await notices.flush();
      await unlisten().catch(() => undefined);
      await engine.close();
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
