import { deleteOldDeliveries } from '../../db/queries/delete-old-deliveries';
import { insertRunConditionAlerts } from '../../db/queries/insert-condition-alerts';
import type { Engine } from '../engine';

/** New stuck or waiting alerts per webhook and kind, a check at most (the oldest runs first). */
const ALERTS_PER_CHECK = 100;
/** Finished deliveries stay in the log this long. */
export const DELIVERY_LOG_DAYS = 30;

/**
 * The periodic check of the workers' cron (every minute): alerts for runs stuck or waiting longer
 * than each webhook's thresholds, once per run and version, and the delivery log's clean-up.
 */
export async function checkRunAlerts(engine: Pick<Engine, 'db' | 'logger'>): Promise<{ queued: number }> {
  const queued = await insertRunConditionAlerts(engine.db, ALERTS_PER_CHECK);
  const pruned = await deleteOldDeliveries(engine.db, DELIVERY_LOG_DAYS);
  if (queued > 0 || pruned > 0) engine.logger.info({ queued, pruned }, 'alert check');
  return { queued };
}
