import { selectWebhooks, type WebhookRecord } from '../../../db/queries/select-webhooks';
import type { Engine } from '../../engine';
import { AppError } from '../../errors';

/** The webhook with `id`, or `NOT_FOUND`. */
export async function findWebhook(engine: Engine, id: number): Promise<WebhookRecord> {
  const [webhook] = await selectWebhooks(engine.db, id);
  if (!webhook) throw new AppError('NOT_FOUND', `no webhook ${id}`);
  return webhook;
}
