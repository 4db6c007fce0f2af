import type { Task } from 'graphile-worker';
import { z } from 'zod';
import type { AlertDeliveryPolicy } from '../../core/alerts/alert-policy';
import { checkRunAlerts } from '../../core/alerts/check-run-alerts';
import { deliverAlert } from '../../core/alerts/deliver-alert';
import type { Engine } from '../../core/engine';

export { ALERT_DELIVERY_TASK } from '../../db/queries/alert-jobs';

/** The cron task that looks for stuck and waiting runs (every minute, one worker per tick). */
export const ALERT_CHECK_TASK = 'signalbox.alert-check';

const AlertJobPayloadSchema = z.object({ deliveryId: z.number().int().positive() });

/**
 * One delivery attempt. A receiver that fails is not a failed job: the attempt is logged and the
 * next one scheduled (with the delivery policy's backoff); the job throws only when the database
 * does, and graphile-worker then runs it again.
 */
export function alertDeliveryTask(engine: Engine, policy: AlertDeliveryPolicy): Task {
  return async (payload, helpers) => {
    const parsed = AlertJobPayloadSchema.safeParse(payload);
    if (!parsed.success) {
      engine.logger.error({ jobId: helpers.job.id }, 'malformed alert job payload; dropped');
      return;
    }
    await deliverAlert(engine, parsed.data.deliveryId, policy);
  };
}

/** The periodic check: stuck and waiting runs, and the delivery log's clean-up. */
export function alertCheckTask(engine: Engine): Task {
  return async () => {
    await checkRunAlerts(engine);
  };
}
