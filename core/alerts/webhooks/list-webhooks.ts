import type { WebhookSummary } from '../../../contracts/alerts';
import { selectWebhooks } from '../../../db/queries/select-webhooks';
import { type Actor, authorize } from '../../auth/actor';
import type { Engine } from '../../engine';
import { toWebhookSummary } from './webhook-views';

/** Every webhook with its delivery counts (admins only; never a secret or a full URL). */
export async function listWebhooks(engine: Engine, by: Actor): Promise<WebhookSummary[]> {
  authorize(by, 'admin');
  return (await selectWebhooks(engine.db)).map(toWebhookSummary);
}
