import type { AlertDelivery } from '../../../contracts/alerts';
import { insertTestDelivery } from '../../../db/queries/insert-test-delivery';
import { auditRefusal, recordAudit } from '../../audit/record-audit';
import { type Actor, authorize } from '../../auth/actor';
import type { Engine } from '../../engine';
import { AppError } from '../../errors';
import { toAlertDelivery } from './webhook-views';

/**
 * Queues a test alert to a webhook (admins only, audited), enabled or not: a worker sends it like
 * any other alert, and it shows in the delivery log with how it went.
 */
export async function sendTestAlert(engine: Engine, id: number, by: Actor): Promise<AlertDelivery> {
  authorize(by, 'admin');
  const target = `webhook:${id}`;
  const delivery = await insertTestDelivery(engine.db, id);
  if (!delivery) {
    throw await auditRefusal(engine, {
      by,
      action: 'webhook.test',
      target,
      error: new AppError('NOT_FOUND', `no webhook ${id}`),
    });
  }
  await recordAudit(engine, {
    by,
    action: 'webhook.test',
    target,
    outcome: 'accepted',
    details: { deliveryId: delivery.id },
  });
  return toAlertDelivery(engine, delivery);
}
