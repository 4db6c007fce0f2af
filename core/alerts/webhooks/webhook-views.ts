import type { AlertDelivery, AlertEvent, WebhookSummary } from '../../../contracts/alerts';
import type { DeliveryRecord } from '../../../db/queries/select-alert-deliveries';
import type { WebhookRecord } from '../../../db/queries/select-webhooks';
import type { Engine } from '../../engine';
import { describeAlert, readAlertFacts } from '../alert-facts';
import { pipelineName } from '../alert-policy';

/**
 * What may be shown of a webhook URL: scheme and host (a Slack URL's path is its secret). Also what
 * the audit trail records of it.
 */
export function urlHint(url: string): string {
  try {
    const parsed = new URL(url);
    const path = parsed.pathname === '/' && !parsed.search ? '' : '/…';
    return `${parsed.protocol}//${parsed.host}${path}`;
  } catch {
    return '…';
  }
}

export const toWebhookSummary = (w: WebhookRecord): WebhookSummary => ({
  id: w.id,
  name: w.name,
  urlHint: urlHint(w.url),
  format: w.format,
  events: w.events.filter((e): e is AlertEvent => e !== 'test'),
  pipelineIds: w.pipelineIds,
  stuckAfterMinutes: w.stuckAfterMinutes,
  waitingAfterMinutes: w.waitingAfterMinutes,
  enabled: w.enabled,
  secretHint: `${w.secretPrefix}…`,
  createdBy: w.createdBy,
  createdAt: w.createdAt.toISOString(),
  updatedAt: w.updatedAt.toISOString(),
  deliveries: {
    pending: w.pendingDeliveries,
    failed: w.failedDeliveries,
    lastDeliveredAt: w.lastDeliveredAt?.toISOString() ?? null,
  },
});

export const toAlertDelivery = (engine: Pick<Engine, 'registry'>, d: DeliveryRecord): AlertDelivery => ({
  id: d.id,
  webhookId: d.webhookId,
  kind: d.kind,
  summary: describeAlert(d.kind, readAlertFacts(d.event), pipelineName(engine)),
  status: d.status,
  attempts: d.attempts,
  responseCode: d.responseCode,
  lastError: d.lastError,
  createdAt: d.createdAt.toISOString(),
  lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
  nextAttemptAt: d.status === 'pending' ? d.nextAttemptAt.toISOString() : null,
  deliveredAt: d.deliveredAt?.toISOString() ?? null,
});
