import { hostname } from 'node:os';
import type { Logger } from '../core/logger';
import type { ActiveAttempts } from '../core/runs/active-attempts';
import type { Database } from '../db/client';
import { describeConnectionError } from '../db/connection-errors';
import { deleteHeartbeat } from '../db/queries/delete-heartbeat';
import { releaseDeadWorkers } from '../db/queries/release-dead-workers';
import { upsertHeartbeat } from '../db/queries/upsert-heartbeat';
import type { DatabaseAvailability } from './database-availability';

export interface HeartbeatOptions {
  /** A dedicated connection: a beat must not queue behind the steps' queries. */
  database: Database;
  workerId: string;
  concurrency: number;
  /** graphile-worker's pool id once known (the `locked_by` of our jobs). */
  poolId: () => string | null;
  intervalMs: number;
  staleAfterMs: number;
  availability: DatabaseAvailability;
  /** The step attempts this worker executes: every beat lists them. */
  attempts: ActiveAttempts;
  logger: Logger;
  /** After every tick whose beat was written (the worker releases its own lost jobs then). */
  afterBeat?: () => Promise<void>;
}

export interface Heartbeat {
  /** Writes a beat now (e.g. as soon as graphile-worker's pool id is known). */
  beatNow(): Promise<void>;
  /** When the last beat was written (epoch ms; 0 before the first). */
  lastBeatAt(): number;
  /** Stops beating. Deletes this worker's row only when `clean` (after its jobs were released). */
  stop(options?: { clean: boolean }): Promise<void>;
}

/**
 * Every worker writes a heartbeat row every `intervalMs` and sweeps for silent peers: a peer silent
 * for longer than `staleAfterMs` is declared dead, and the jobs its graphile-worker pool held are
 * unlocked at once (instead of after graphile-worker's 4-hour lock timeout).
 *
 * No false deaths from outages: silence only counts while the database has evidence that it was
 * reachable for the whole window (heartbeats from any workers have arrived without a gap that
 * long; see `releaseDeadWorkers`). After a restart or a network cut every row is
 * old because nobody could write one; nobody is judged until live workers had a full window to beat
 * again. A worker never judges, and so never deletes, its own row.
 */
export async function startHeartbeat(options: HeartbeatOptions): Promise<Heartbeat> {
  const { logger, availability } = options;
  const db = options.database.db;
  let lastBeatAt = 0;
  let firstBeat = true;
  /** No beat from anyone for this long means nobody could reach the database. */
  const maxGapMs = 2 * options.intervalMs + 500;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let ticking: Promise<void> = Promise.resolve();

  const withTimeout = <T>(work: Promise<T>, ms: number): Promise<T> => {
    let t: ReturnType<typeof setTimeout> | undefined;
    return Promise.race([
      work,
      new Promise<never>((_, reject) => {
        t = setTimeout(
          () => reject(Object.assign(new Error('heartbeat timed out'), { code: 'ETIMEDOUT' })),
          ms,
        );
      }),
    ]).finally(() => clearTimeout(t));
  };

  const beat = async () => {
    // Taken in one go: a claim sent after this instant carries this beat's number, so peers do not
    // read its absence from the list as "not running it any more".
    const { seq, keys } = options.attempts.sample();
    const { inserted } = await withTimeout(
      upsertHeartbeat(
        db,
        {
          workerId: options.workerId,
          poolId: options.poolId(),
          hostname: hostname(),
          pid: process.pid,
          concurrency: options.concurrency,
          seq,
          runningSteps: keys,
        },
        maxGapMs,
      ),
      Math.max(options.intervalMs * 3, 3_000),
    );
    const now = Date.now();
    if (inserted && !firstBeat) {
      logger.warn(
        { silentMs: now - lastBeatAt },
        'this worker was declared dead by a peer while it could not beat; its jobs may run elsewhere',
      );
    }
    firstBeat = false;
    lastBeatAt = now;
    availability.up('heartbeat');
  };

  const sweep = async () => {
    const dead = await releaseDeadWorkers(db, { self: options.workerId, staleAfterMs: options.staleAfterMs });
    for (const d of dead) {
      logger.warn(
        { deadWorker: d.workerId, silentMs: d.silentMs, poolId: d.poolId },
        'released the jobs of a silent worker',
      );
    }
  };

  const tick = async () => {
    try {
      await beat();
    } catch (error) {
      availability.down('heartbeat', error);
      logger.debug({ ...describeConnectionError(error) }, 'heartbeat failed');
      return;
    }
    try {
      await sweep();
      await options.afterBeat?.();
    } catch (error) {
      logger.warn({ ...describeConnectionError(error) }, 'heartbeat sweep failed');
    }
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      ticking = tick().finally(schedule);
    }, options.intervalMs);
    timer.unref();
  };

  await beat();
  schedule();
  return {
    beatNow: () => {
      ticking = ticking.then(() => beat().catch(() => undefined));
      return ticking;
    },
    lastBeatAt: () => lastBeatAt,
    async stop({ clean } = { clean: true }) {
      stopped = true;
      clearTimeout(timer);
      await ticking.catch(() => undefined);
      if (clean) await deleteHeartbeat(db, options.workerId).catch(() => undefined);
    },
  };
}
