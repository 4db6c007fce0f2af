import { insertWorkerSilenceAlerts } from '../../db/queries/insert-condition-alerts';
import { selectDueDeliveries } from '../../db/queries/select-due-deliveries';
import type { Engine } from '../engine';
import type { AlertDeliveryPolicy } from './alert-policy';
import { deliverAlert } from './deliver-alert';

/** No worker heartbeat for this long is "no live worker". */
export const WORKER_SILENCE_ALERT_MS = 60_000;

/**
 * One look for silent workers, from outside the workers (the console's process): queues a
 * `no_live_worker` alert per silence, and, since no worker is there to run its job, makes the due
 * attempts of those alerts itself. Their jobs stay queued too: a worker that comes back finds them
 * delivered, or carries on retrying.
 */
export async function checkWorkerSilence(
  engine: Pick<Engine, 'db' | 'registry' | 'logger'>,
  policy: AlertDeliveryPolicy,
  silentMs = WORKER_SILENCE_ALERT_MS,
): Promise<{ queued: number; attempted: number }> {
  const queued = await insertWorkerSilenceAlerts(engine.db, silentMs);
  if (queued > 0) engine.logger.warn({ queued, silentMs }, 'no live worker: alerts queued');
  const due = await selectDueDeliveries(engine.db, 'no_live_worker', 20);
  for (const id of due) await deliverAlert(engine, id, policy);
  return { queued, attempted: due.length };
}

/** Runs `checkWorkerSilence` every `intervalMs` until stopped; a failed check is logged, not thrown. */
export function watchWorkerSilence(
  engine: Pick<Engine, 'db' | 'registry' | 'logger'>,
  policy: AlertDeliveryPolicy,
  {
    intervalMs = 15_000,
    silentMs = WORKER_SILENCE_ALERT_MS,
  }: { intervalMs?: number; silentMs?: number } = {},
): { stop(): Promise<void> } {
  let current: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    if (current) return; // the previous check is still sending
    current = checkWorkerSilence(engine, policy, silentMs)
      .catch((error: unknown) =>
        engine.logger.warn({ err: (error as Error).message }, 'worker silence check failed'),
      )
      .finally(() => {
        current = undefined;
      });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await current;
    },
  };
}
