import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
import { type Runner, run, type WorkerEvents } from 'graphile-worker';
import { type AlertDeliveryPolicy, DEFAULT_ALERT_DELIVERY } from '../core/alerts/alert-policy';
import { createSystemActor } from '../core/auth/system-actor';
import { fillWaitingSlots } from '../core/controls/fill-waiting-slots';
import type { Pipeline } from '../core/definition/define-pipeline';
import { BULK_ACTION_TASK, CRON_TASK, createEngine, STEP_TASK, TIMER_TASK } from '../core/engine';
import { combineObservers, type EngineObserver } from '../core/engine-observer';
import { RunNoticeBatch } from '../core/live/run-notice-batch';
import { watchRunChanges } from '../core/live/watch-run-changes';
import type { Logger } from '../core/logger';
import type { RetentionPolicy } from '../core/retention/apply-retention';
import { ActiveAttempts } from '../core/runs/active-attempts';
import { dispatchStep, runAssignedStep } from '../core/runs/dispatch-step';
import { RunningSteps, StepAborted } from '../core/runs/running-steps';
import type { StepChainOptions } from '../core/runs/step-chain';
import { createGroupCommit, type GroupCommitOptions } from '../core/runs/transition/group-commit';
import { createDatabase } from '../db/client';
import { describeConnectionError } from '../db/connection-errors';
import { findCancelledRuns } from '../db/queries/find-cancelled-runs';
import { listenStepOffers } from '../db/queries/listen-run-changes';
import type { StepOffer } from '../db/queries/notify-run-changed';
import { releaseLostJobs } from '../db/queries/release-lost-jobs';
import { alertCronItems, cronItems, retentionCronItems } from './cron-items';
import { DatabaseAvailability } from './database-availability';
import { graphileLogger } from './graphile-logger';
import { startHeartbeat } from './heartbeat';
import { IdleOffer } from './idle-offer';
import { onStrayDatabaseError } from './process-guard';
import { createQueuePool } from './queue-pool';
import { stepLogObserver } from './step-log';
import { ALERT_CHECK_TASK, ALERT_DELIVERY_TASK, alertCheckTask, alertDeliveryTask } from './tasks/alert-task';
import { bulkActionTask } from './tasks/bulk-action-task';
import { cronTask } from './tasks/cron-task';
import { RETENTION_TASK, retentionTask, retentionWanted } from './tasks/retention-task';
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
  /** How often the worker writes its heartbeat (default 1 s). */
  heartbeatMs?: number;
  /** A worker silent for this long is considered dead and its jobs are released (default 5 s). */
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
  /**
   * Steps of a run this worker runs after a job's own before it hands the run back to the queue
   * (default 100; 0: every step goes through the queue). See `core/runs/step-chain.ts`.
   */
  maxChainedSteps?: number;
  /**
   * Transitions that come together share one statement (see `core/runs/transition/group-commit.ts`);
   * `false` commits each alone.
   */
  groupCommit?: GroupCommitOptions | false;
  /** The deployment's retention: a daily prune at 03:30 UTC (off when nothing is to be pruned). */
  retention?: RetentionPolicy;
  /** How alerts are sent (default: `DEFAULT_ALERT_DELIVERY`, links to http://localhost:3000). */
  alerts?: Partial<AlertDeliveryPolicy>;
  /** Run the alerts' periodic check (stuck and waiting runs) every minute (default: with `schedules`). */
  alertChecks?: boolean;
}

/** `ready` while connected with a fresh heartbeat; `stale` while the database is unavailable. */
export type WorkerReadiness = 'ready' | 'stale' | 'draining';

export interface WorkerHandle {
  workerId: string;
  running: RunningSteps;
  readiness(): WorkerReadiness;
  /**
   * Nothing claimed, running or being fetched by a queue runner here: a new run's first step
   * offered now would be taken directly.
   */
  idle(): boolean;
  /** Whether the database answered this worker's last heartbeat. */
  databaseAvailable(): boolean;
  /** Finishes or aborts running steps, then releases everything; bounded by the grace period. */
  stop(): Promise<void>;
  /** Resolves once the worker has stopped. */
  done: Promise<void>;
}

/** After the grace period, a stopping worker aborts its steps and gives the runner this long to end. */
export const HARD_STOP_AFTER_GRACE_MS = 5_000;
export const DEFAULT_HEARTBEAT_MS = 1_000;
export const DEFAULT_STALE_AFTER_MS = 5_000;
/** Steps of a run one job may chain before the run goes back to the queue (fairness to other runs). */
export const DEFAULT_MAX_CHAINED_STEPS = 100;
/** After the database comes back (or a completion was lost), own lost jobs are looked for this long. */
const RELEASE_WINDOW_MS = 15_000;
/**
 * The worker's own statements need few connections: two settlement statements in flight (the
 * group commit) and one for the rest. Measured in docs/performance.md ("Fewer connections").
 */
export const STEP_PATH_CONNECTIONS = 3;
/** A job fetched this recently may not have reached its runner yet: never released as lost. */
const LOST_JOB_MIN_AGE_MS = 3_000;

/** The actor workers act as: on transitions their steps cause, and on runs that schedules and steps start. */
const WORKER_ACTOR = createSystemActor('worker');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts a worker: graphile-worker runner, cancel listener, heartbeat. It rides through database
 * outages by itself: steps wait for the database to answer, the listen connection re-subscribes,
 * heartbeats resume, jobs whose completion was lost with the connection are released, and a job
 * runner that stops on its own is replaced.
 */
export async function startWorker(options: WorkerOptions): Promise<WorkerHandle> {
  const workerId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const logger = options.logger.child({ workerId });
  const observer = combineObservers(options.observer, stepLogObserver(logger));
  // The worker's own statements (claims, settlements, hand-offs, notices, offers) on a few
  // connections: each extra backend running them is one more process to wake on every statement,
  // and one more to warm up (catalog caches, plans). A busy connection takes more statements in
  // its pipeline.
  const engine = createEngine({
    database: options.databaseUrl,
    pool: { max: STEP_PATH_CONNECTIONS, applicationName: 'signalbox-worker' },
    pipelines: options.pipelines,
    logger,
    observer,
  });
  // Work around steps, which may hold a connection for long: step handlers' capabilities, cron,
  // bulk actions, retention, alerts (connections opened as they are needed).
  const tasksEngine = createEngine({
    database: options.databaseUrl,
    pool: { max: Math.min(options.concurrency, 50), applicationName: 'signalbox-worker-tasks' },
    pipelines: options.pipelines,
    logger,
    observer,
  });
  const beatDatabase = createDatabase(options.databaseUrl, {
    max: 1,
    applicationName: 'signalbox-heartbeat',
    connectTimeoutSeconds: 3,
  });
  const availability = new DatabaseAvailability(logger);
  const queuePool = createQueuePool(options.databaseUrl, {
    max: options.concurrency + 2,
    logger,
    availability,
  });
  const running = new RunningSteps();
  const attempts = new ActiveAttempts();
  const retention = retentionWanted(engine, options.retention) ? options.retention : undefined;
  const notices = new RunNoticeBatch(engine);
  const grace = options.shutdownGraceMs ?? 10_000;
  const heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  const alertPolicy: AlertDeliveryPolicy = {
    ...DEFAULT_ALERT_DELIVERY,
    consoleUrl: 'http://localhost:3000',
    ...options.alerts,
  };

  /** graphile-worker pools of this worker (a replaced runner leaves its pool id behind). */
  const pools = new Set<string>();
  let poolId: string | null = null;
  let nudgePool: (count: number) => void = () => {};
  /**
   * graphile-worker's own LISTEN for new jobs backs off up to a minute after an outage; until it is
   * back, our run-change notices (every transition that enqueues a step sends one) wake its workers.
   */
  let queueListening = true;
  /** Jobs a runner of ours is executing now, by id. */
  const runningJobs = new Set<string>();
  let releaseUntil = 0;
  const lookForLostJobs = () => {
    releaseUntil = Date.now() + RELEASE_WINDOW_MS;
  };
  const unsubscribeStray = onStrayDatabaseError(lookForLostJobs);
  availability.onChange((available) => {
    if (available) lookForLostJobs();
  });

  const heartbeat = await startHeartbeat({
    database: beatDatabase,
    workerId,
    concurrency: options.concurrency,
    poolId: () => poolId,
    intervalMs: heartbeatMs,
    staleAfterMs: options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS,
    availability,
    attempts,
    logger,
    async afterBeat() {
      if (Date.now() > releaseUntil) return;
      const released = await releaseLostJobs(beatDatabase.db, {
        poolIds: [...pools],
        runningJobIds: [...runningJobs],
        minAgeMs: LOST_JOB_MIN_AGE_MS,
      });
      if (released > 0) logger.warn({ released }, 'released own jobs whose completion was lost');
    },
  });

  const chain: StepChainOptions = {
    lockedBy: () => poolId,
    maxHops: options.maxChainedSteps ?? DEFAULT_MAX_CHAINED_STEPS,
    track(jobId) {
      runningJobs.add(jobId);
      return () => runningJobs.delete(jobId);
    },
  };
  const stepWorker = {
    workerId,
    running,
    attempts,
    actor: WORKER_ACTOR,
    handlerEngine: tasksEngine,
    notices,
    groupCommit:
      options.groupCommit === false ? undefined : createGroupCommit(engine.db, options.groupCommit),
  };
  /**
   * Queue runners fetching a job from the database right now (one that just started or just
   * finished a job looks at once): such a fetch may take a new run's job first, so an offer is left
   * to the queue then. With batching, a runner waits on graphile-worker's local queue instead (for
   * as long as it is idle), so there is nothing to track: the local queue's fetches race offers as
   * its polls always did.
   */
  const fetching = new Set<unknown>();
  /** Nothing claimed, running or being fetched here: what taking a step offered directly needs. */
  // A job counts from its start, before its attempt is claimed: an offer made in between would bring
  // a second step to a worker already running one.
  const idle = () =>
    attempts.size === 0 && dispatched.size === 0 && fetching.size === 0 && runningJobs.size === 0;
  /** Fires a grace period after `stop()` (as graphile-worker's abort signal does for its jobs). */
  const shutdown = new AbortController();
  /**
   * Steps given to this worker directly running now: taken from an offer (`dispatchStep`, one at a
   * time, only when idle), or given by a start that took this worker's offer (`runAssignedStep`).
   */
  const dispatched = new Set<Promise<unknown>>();
  const idleOffer = new IdleOffer({
    db: engine.db,
    workerId,
    logger,
    listenSession: engine.listenSession,
    poolId: () => poolId,
    idle,
    claimSeq: () => attempts.currentSeq,
    pipelines: Object.fromEntries(engine.registry.list().map((p) => [p.id, p.version])),
  });
  /** The worker may be idle now (once this turn's bookkeeping is done): offer it to starts. */
  const idleSoon = () => setImmediate(() => idleOffer.check());
  const runDirect = (runId: string, taking: Promise<unknown>) => {
    const tracked: Promise<unknown> = taking
      .catch((error: unknown) => {
        // Its answer may be lost with the connection: look for a job locked by us that nobody runs.
        logger.warn(
          { runId, ...describeConnectionError(error) },
          'could not take an offered step; the queue runs it',
        );
        lookForLostJobs();
        nudgePool(1);
      })
      .finally(() => {
        dispatched.delete(tracked);
        idleSoon();
      });
    dispatched.add(tracked);
  };
  /**
   * A new run's first step is offered to idle workers directly (its start sent no queue wake-up).
   * An idle worker takes it (job lock and claim in one statement); a busy one wakes its own queue
   * runners instead, so the job is fetched as usual. So a worker runs at most its concurrency plus
   * the one step it took directly.
   */
  const offerDirect = (offer: StepOffer) => {
    if (offer.assignedTo !== undefined) {
      // Given to one worker by its start (job locked, attempt open): that worker runs it, even stopping.
      if (offer.assignedTo !== workerId) return;
      idleOffer.taken();
      const { lockedBy, attemptId } = offer;
      if (lockedBy === undefined || attemptId === undefined) return; // not from this release: swept
      const worker = { ...stepWorker, shutdownSignal: shutdown.signal };
      runDirect(offer.runId, runAssignedStep(engine, { ...offer, lockedBy, attemptId }, worker, chain));
      return;
    }
    // (`poolId` first: `stopping` is declared below, and a pool exists only once it is.)
    if (poolId === null || stopping || !idle()) {
      nudgePool(1);
      return;
    }
    const worker = { ...stepWorker, shutdownSignal: shutdown.signal };
    runDirect(offer.runId, dispatchStep(engine, offer, worker, chain));
    idleOffer.busy();
  };

  // A cancel commits first, then this NOTIFY reaches every worker: the one running the step aborts it.
  const abortCancelled = (runId: string, why = 'run cancelled by an operator', changedAt?: number) => {
    const aborted = running.abortRun(runId, new StepAborted('cancel', why), changedAt);
    if (aborted > 0) logger.info({ runId, aborted }, `aborted running step: ${why}`);
  };
  let listenedBefore = false;
  const unlisten = await watchRunChanges(
    engine,
    (notice) => {
      // Only steps claimed before that change: the notice may come late, after a retry started one.
      if (notice.status === 'cancelled') abortCancelled(notice.runId, undefined, notice.version);
      // A run failed by a deadline (a timer) ends its running steps the same way.
      else if (notice.status === 'failed') abortCancelled(notice.runId, 'run failed', notice.version);
      else if (!queueListening && notice.status === 'running') nudgePool(1);
    },
    {
      onListen() {
        availability.up('listen');
        idleOffer.renew(); // an offer names the listen connection
        if (!listenedBefore) {
          listenedBefore = true;
          return;
        }
        nudgePool(options.concurrency);
        // Notices sent while the connection was down are lost: look for cancels among our runs.
        void findCancelledRuns(engine.db, running.runIds()).then(
          (ids) => {
            for (const id of ids) abortCancelled(id);
          },
          () => undefined,
        );
      },
      onLost: (error) => availability.down('listen', error),
    },
  );

  const unlistenOffers = await listenStepOffers(engine.listen, offerDirect);

  const startRunner = (): Promise<Runner> => {
    const events: WorkerEvents = new EventEmitter();
    events.on('pool:create', ({ workerPool }) => {
      fetching.clear(); // a replaced runner's fetches are over
      poolId = workerPool.id;
      pools.add(workerPool.id);
      nudgePool = (count) => workerPool.nudge(count);
      // Record the pool id at once: a peer can only release our jobs if it knows it.
      void heartbeat.beatNow();
      idleSoon();
    });
    events.on('pool:listen:error', () => {
      queueListening = false;
    });
    events.on('pool:listen:success', () => {
      queueListening = true;
    });
    if (!options.batching) {
      events.on('worker:getJob:start', ({ worker }) => fetching.add(worker));
      for (const end of ['worker:getJob:empty', 'worker:getJob:error'] as const) {
        events.on(end, ({ worker }) => fetching.delete(worker));
      }
    }
    events.on('job:start', ({ worker, job }) => {
      fetching.delete(worker);
      runningJobs.add(job.id);
      idleOffer.busy();
    });
    events.on('job:complete', ({ job }) => {
      runningJobs.delete(job.id);
      idleSoon();
    });
    events.on('worker:getJob:empty', idleSoon);
    return run({
      pgPool: queuePool,
      concurrency: options.concurrency,
      noHandleSignals: true,
      pollInterval: options.pollIntervalMs ?? 2_000,
      gracefulShutdownAbortTimeout: grace,
      logger: graphileLogger(logger),
      events,
      taskList: {
        [STEP_TASK]: stepTask(engine, stepWorker, chain),
        [CRON_TASK]: cronTask(tasksEngine, { dataDir: options.dataDir ?? null }),
        ...(retention && { [RETENTION_TASK]: retentionTask(tasksEngine, retention) }),
        [TIMER_TASK]: timerTask(engine, WORKER_ACTOR),
        [BULK_ACTION_TASK]: bulkActionTask(tasksEngine),
        [ALERT_DELIVERY_TASK]: alertDeliveryTask(tasksEngine, alertPolicy),
        [ALERT_CHECK_TASK]: alertCheckTask(tasksEngine),
      },
      parsedCronItems: [
        ...(options.schedules === false ? [] : cronItems(engine.registry)),
        ...(retention ? retentionCronItems() : []),
        ...((options.alertChecks ?? options.schedules !== false) ? alertCronItems() : []),
      ],
      ...(options.batching && {
        preset: {
          worker: {
            localQueue: { size: options.batching.localQueueSize },
            completeJobBatchDelay: options.batching.completeJobBatchDelayMs,
          },
        },
      }),
    });
  };

  let stopping: Promise<void> | undefined;
  let runner = await startRunner();
  // A runner that stops on its own (graphile-worker gives up on an inconsistent queue) is replaced.
  void (async () => {
    while (!stopping) {
      const ended = await runner.promise.then(
        () => undefined,
        (error: unknown) => error,
      );
      if (stopping) return;
      logger.error(
        { ...(ended ? describeConnectionError(ended) : {}) },
        'job runner stopped on its own; starting a new one',
      );
      for (let delay = 500; !stopping; delay = Math.min(delay * 2, 10_000)) {
        try {
          runner = await startRunner();
          lookForLostJobs();
          break;
        } catch (error) {
          logger.warn(
            { ...describeConnectionError(error), retryInMs: delay },
            'could not start a job runner',
          );
          await sleep(delay);
        }
      }
    }
  })();

  // Limits are code: runs waiting under an earlier deploy's limit start now if this one allows them.
  await fillWaitingSlots(engine).catch((error: unknown) =>
    logger.warn({ ...describeConnectionError(error) }, 'could not start the runs waiting for a slot'),
  );
  logger.info(
    { concurrency: options.concurrency, pipelines: engine.registry.list().map((p) => p.id) },
    'worker started',
  );

  let resolveDone!: () => void;
  const done = new Promise<void>((resolve) => {
    resolveDone = resolve;
  });
  const stop = () => {
    stopping ??= (async () => {
      logger.info({ running: running.size, graceMs: grace }, 'worker stopping');
      // First, so no start gives this worker a step from now on (one given just before still runs).
      await idleOffer.withdraw();
      const hardStop = setTimeout(() => {
        running.abortAll(new StepAborted('shutdown', 'worker is shutting down'));
        void runner.kill('shutdown grace period exceeded');
      }, grace + HARD_STOP_AFTER_GRACE_MS);
      const abortDispatched = setTimeout(() => shutdown.abort(), grace);
      try {
        await runner.stop();
      } catch (error) {
        logger.warn({ err: (error as Error).message }, 'runner stopped with an error');
      }
      await Promise.allSettled([...dispatched]);
      clearTimeout(hardStop);
      clearTimeout(abortDispatched);
      unsubscribeStray();
      // Nothing of ours runs any more: unlock what graphile-worker left locked (a job aborted during
      // shutdown, a completion lost to the database) for the next worker. If the database is away,
      // keep the heartbeat row: a peer's sweep releases them once this worker is silent long enough.
      let released = false;
      try {
        await releaseLostJobs(beatDatabase.db, { poolIds: [...pools], runningJobIds: [], minAgeMs: 0 });
        released = true;
      } catch (error) {
        logger.warn({ ...describeConnectionError(error) }, 'could not release own jobs; peers will');
      }
      await heartbeat.stop({ clean: released });
      await notices.flush();
      await unlisten().catch(() => undefined);
      await unlistenOffers().catch(() => undefined);
      await engine.close();
      await tasksEngine.close();
      await beatDatabase.close();
      await queuePool.end().catch(() => undefined);
      logger.info({}, 'worker stopped');
      resolveDone();
    })();
    return stopping;
  };
  const readiness = (): WorkerReadiness => {
    if (stopping) return 'draining';
    // Two missed beats: this process cannot write to the database, so it takes no jobs either.
    const fresh = Date.now() - heartbeat.lastBeatAt() <= 2 * heartbeatMs + 1_000;
    return availability.available && fresh ? 'ready' : 'stale';
  };
  return {
    workerId,
    running,
    readiness,
    idle,
    databaseAvailable: () => availability.available,
    stop,
    done,
  };
}
