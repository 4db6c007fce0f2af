import type { AlertDelivery } from '../../../contracts/alerts';
import { selectAlertDeliveries } from '../../../db/queries/select-alert-deliveries';
import { type Actor, authorize } from '../../auth/actor';
import type { Engine } from '../../engine';
import { findWebhook } from './find-webhook';
import { toAlertDelivery } from './webhook-views';

/** How many deliveries the log shows. */
export const DELIVERY_LOG_SIZE = 100;

/** A webhook's delivery log, newest first (admins only). */
export async function listAlertDeliveries(
  engine: Engine,
  webhookId: number,
  by: Actor,
): Promise<AlertDelivery[]> {
  authorize(by, 'admin');
  await findWebhook(engine, webhookId);
  const deliveries = await selectAlertDeliveries(engine.db, webhookId, DELIVERY_LOG_SIZE);
  return deliveries.map((d) => toAlertDelivery(engine, d));
}
