import type { CreateWebhookRequest, WebhookSummary } from '../../../contracts/alerts';
import { insertWebhook } from '../../../db/queries/write-webhook';
import { recordAudit } from '../../audit/record-audit';
import { type Actor, authorize } from '../../auth/actor';
import type { Engine } from '../../engine';
import { newWebhookSecret } from '../sign-alert';
import { findWebhook } from './find-webhook';
import { auditedFields, webhookFields } from './webhook-fields';
import { toWebhookSummary } from './webhook-views';

/**
 * Creates an outgoing webhook (admins only, audited). Its signing secret is returned this once; the
 * console shows only its first characters afterwards.
 */
export async function createWebhook(
  engine: Engine,
  request: CreateWebhookRequest,
  by: Actor,
): Promise<{ webhook: WebhookSummary; secret: string }> {
  authorize(by, 'admin');
  const fields = webhookFields(engine, request);
  const secret = newWebhookSecret();
  const id = await insertWebhook(engine.db, { ...fields, url: request.url, secret, createdBy: by.name });
  await recordAudit(engine, {
    by,
    action: 'webhook.create',
    target: `webhook:${id}`,
    outcome: 'accepted',
    details: auditedFields(fields, request.url),
  });
  return { webhook: toWebhookSummary(await findWebhook(engine, id)), secret };
}
