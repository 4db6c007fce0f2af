import type { UpdateWebhookRequest, WebhookSummary } from '../../../contracts/alerts';
import { updateWebhook as writeWebhook } from '../../../db/queries/write-webhook';
import { auditRefusal, recordAudit } from '../../audit/record-audit';
import { type Actor, authorize } from '../../auth/actor';
import type { Engine } from '../../engine';
import { AppError } from '../../errors';
import { findWebhook } from './find-webhook';
import { auditedFields, webhookFields } from './webhook-fields';
import { toWebhookSummary } from './webhook-views';

/** Changes a webhook's settings (admins only, audited); without `url` its URL stays. */
export async function updateWebhook(
  engine: Engine,
  id: number,
  request: UpdateWebhookRequest,
  by: Actor,
): Promise<WebhookSummary> {
  authorize(by, 'admin');
  const fields = webhookFields(engine, request);
  const target = `webhook:${id}`;
  if (!(await writeWebhook(engine.db, id, { ...fields, url: request.url }))) {
    throw await auditRefusal(engine, {
      by,
      action: 'webhook.update',
      target,
      error: new AppError('NOT_FOUND', `no webhook ${id}`),
    });
  }
  await recordAudit(engine, {
    by,
    action: 'webhook.update',
    target,
    outcome: 'accepted',
    details: auditedFields(fields, request.url),
  });
  return toWebhookSummary(await findWebhook(engine, id));
}
