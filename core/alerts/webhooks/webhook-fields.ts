import type { CreateWebhookRequest, UpdateWebhookRequest } from '../../../contracts/alerts';
import type { WebhookFields } from '../../../db/queries/write-webhook';
import type { Engine } from '../../engine';
import { AppError } from '../../errors';
import { urlHint } from './webhook-views';

/** The fields to store, after checking that every pipeline of the filter exists. */
export function webhookFields(
  engine: Engine,
  request: CreateWebhookRequest | UpdateWebhookRequest,
): WebhookFields {
  const unknown = request.pipelineIds.filter((id) => !engine.registry.has(id));
  if (unknown.length > 0) {
    throw new AppError('VALIDATION_FAILED', 'invalid request body', {
      fields: [{ path: 'pipelineIds', message: `no pipeline ${unknown.join(', ')}` }],
    });
  }
  return {
    name: request.name,
    format: request.format,
    events: [...new Set(request.events)],
    pipelineIds: [...new Set(request.pipelineIds)],
    stuckAfterMinutes: request.stuckAfterMinutes,
    waitingAfterMinutes: request.waitingAfterMinutes,
    enabled: request.enabled,
  };
}

/** What the audit trail keeps of a webhook's settings: no secret, no full URL. */
export const auditedFields = (fields: WebhookFields, url?: string) => ({
  ...fields,
  ...(url !== undefined && { url: urlHint(url) }),
});
