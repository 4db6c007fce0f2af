import { hostname } from 'node:os';
import { makeWorkerUtils, type WorkerUtils } from 'graphile-worker';
import type { Engine } from '../core/engine';
import type { Logger } from '../core/logger';
import { deleteHeartbeat } from '../db/queries/delete-heartbeat';
import { deleteStaleHeartbeats } from '../db/queries/delete-stale-heartbeats';
import { upsertHeartbeat } from '../db/queries/upsert-heartbeat';

export interface HeartbeatOptions {
  engine: Engine;
  databaseUrl: string;
  workerId: string;
  concurrency: number;
  /** graphile-worker's pool id once known (the `locked_by` of our jobs). */
  poolId: () => string | null;
  intervalMs: number;
  staleAfterMs: number;
  logger: Logger;
}

/**
 * Every worker writes a heartbeat row and sweeps for silent ones: the jobs a dead worker held are
 * unlocked (`forceUnlockWorkers`) within `staleAfterMs` + `intervalMs`, instead of graphile-worker's
 * 4-hour lock timeout, so a killed worker costs its runs seconds.
 */
export async function startHeartbeat(
  options: HeartbeatOptions,
): Promise<{ stop(): Promise<void>; lastBeatAt(): number }> {
  const { engine, logger } = options;
  const utils: WorkerUtils = await makeWorkerUtils({ connectionString: options.databaseUrl, maxPoolSize: 1 });
  let lastBeatAt = 0;
  const beat = async () => {
    await upsertHeartbeat(engine.db, {
      workerId: options.workerId,
      poolId: options.poolId(),
      hostname: hostname(),
      pid: process.pid,
      concurrency: options.concurrency,
    });
    lastBeatAt = Date.now();
  };
  const sweep = async () => {
    const dead = await deleteStaleHeartbeats(engine.db, options.staleAfterMs);
    const poolIds = dead.map((d) => d.poolId).filter((id): id is string => id !== null);
    if (poolIds.length > 0) await utils.forceUnlockWorkers(poolIds);
    for (const d of dead) logger.warn({ deadWorker: d.workerId }, 'released the jobs of a silent worker');
  };
  let busy: Promise<unknown> = beat();
  await busy;
  const timer = setInterval(() => {
    busy = Promise.all([beat(), sweep()]).catch((error: unknown) =>
      logger.error({ err: (error as Error).message }, 'heartbeat failed'),
    );
  }, options.intervalMs);
  timer.unref();
  return {
    /** When the last heartbeat was written (epoch ms): the worker's readiness. */
    lastBeatAt: () => lastBeatAt,
    /**
     * Call after the runner stopped. graphile-worker can leave a job that was aborted during
     * shutdown locked by our pool; nothing of ours runs any more, so unlock it for the next worker.
     */
    async stop() {
      clearInterval(timer);
      await busy;
      const poolId = options.poolId();
      if (poolId) await utils.forceUnlockWorkers([poolId]);
      await deleteHeartbeat(engine.db, options.workerId).catch(() => undefined);
      await utils.release();
    },
  };
}
