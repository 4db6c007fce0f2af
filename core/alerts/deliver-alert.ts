import { claimAlertDelivery } from '../../db/queries/claim-alert-delivery';
import { rescheduleAlertJob, settleAlertDelivery } from '../../db/queries/settle-alert-delivery';
import type { Engine } from '../engine';
import { readAlertFacts } from './alert-facts';
import { type AlertDeliveryPolicy, alertRetryDelay, pipelineName } from './alert-policy';
import { postAlert } from './post-alert';
import { renderAlertBody } from './render-alert-body';

/** What one call did with the delivery. */
export type DeliverResult = 'delivered' | 'retry' | 'failed' | 'not-due' | 'finished';

/** An attempt's lease beyond its timeout: a sender that died frees the delivery after this. */
const LEASE_MARGIN_MS = 30_000;

/**
 * One attempt at a delivery (the alert job's work): claim it if due, POST the signed body with a
 * timeout, and record the outcome in the delivery log. A 2xx delivers it; anything else schedules
 * the next attempt after the policy's backoff (its job written with the outcome), until the
 * attempts are used up. A delivery that is not due yet gets a job for when it is.
 */
export async function deliverAlert(
  engine: Pick<Engine, 'db' | 'registry' | 'logger'>,
  deliveryId: number,
  policy: AlertDeliveryPolicy,
): Promise<DeliverResult> {
  const claim = await claimAlertDelivery(engine.db, deliveryId, policy.timeoutMs + LEASE_MARGIN_MS);
  if ('finished' in claim) return 'finished';
  if ('notDue' in claim) {
    await rescheduleAlertJob(engine.db, deliveryId, claim.notDue);
    return 'not-due';
  }
  const delivery = claim.claimed;
  const body = renderAlertBody(
    delivery.format,
    {
      deliveryId: delivery.id,
      kind: delivery.kind,
      createdAt: delivery.createdAt,
      facts: readAlertFacts(delivery.event),
    },
    { consoleUrl: policy.consoleUrl, pipelineName: pipelineName(engine) },
  );
  const result = await postAlert({
    url: delivery.url,
    body,
    secret: delivery.secret,
    deliveryId: delivery.id,
    kind: delivery.kind,
    timeoutMs: policy.timeoutMs,
  });
  const log = { deliveryId, kind: delivery.kind, attempt: delivery.attempt };
  if (result.ok) {
    await settleAlertDelivery(engine.db, deliveryId, delivery.attempt, {
      kind: 'delivered',
      responseCode: result.status,
    });
    engine.logger.info({ ...log, status: result.status }, 'alert delivered');
    return 'delivered';
  }
  if (delivery.attempt >= policy.maxAttempts) {
    await settleAlertDelivery(engine.db, deliveryId, delivery.attempt, {
      kind: 'failed',
      responseCode: result.status,
      error: result.error,
    });
    engine.logger.error({ ...log, error: result.error }, 'alert not delivered: attempts used up');
    return 'failed';
  }
  const retryInMs = alertRetryDelay(policy, delivery.attempt);
  await settleAlertDelivery(engine.db, deliveryId, delivery.attempt, {
    kind: 'retry',
    responseCode: result.status,
    error: result.error,
    retryInMs,
  });
  engine.logger.warn({ ...log, error: result.error, retryInMs }, 'alert delivery failed; will retry');
  return 'retry';
}
