import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import type { AlertKind, WebhookFormat } from '../schema';

/** A webhook as administration shows it: never its secret (only its first characters). */
export interface WebhookRecord {
  id: number;
  name: string;
  url: string;
  format: WebhookFormat;
  events: AlertKind[];
  pipelineIds: string[];
  stuckAfterMinutes: number;
  waitingAfterMinutes: number;
  enabled: boolean;
  secretPrefix: string;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  pendingDeliveries: number;
  failedDeliveries: number;
  lastDeliveredAt: Date | null;
}

type WebhookRow = {
  id: string | number;
  name: string;
  url: string;
  format: WebhookFormat;
  events: AlertKind[];
  pipeline_ids: string[];
  stuck_after_minutes: number;
  waiting_after_minutes: number;
  enabled: boolean;
  secret_prefix: string;
  created_by: string;
  created_at: string | Date;
  updated_at: string | Date;
  pending: number;
  failed: number;
  last_delivered_at: string | Date | null;
};

const toRecord = (row: WebhookRow): WebhookRecord => ({
  id: Number(row.id),
  name: row.name,
  url: row.url,
  format: row.format,
  events: row.events,
  pipelineIds: row.pipeline_ids,
  stuckAfterMinutes: row.stuck_after_minutes,
  waitingAfterMinutes: row.waiting_after_minutes,
  enabled: row.enabled,
  secretPrefix: row.secret_prefix,
  createdBy: row.created_by,
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
  pendingDeliveries: row.pending,
  failedDeliveries: row.failed,
  lastDeliveredAt: row.last_delivered_at ? new Date(row.last_delivered_at) : null,
});

/** Webhooks (all, or the one with `id`), oldest first, with their delivery counts. */
export async function selectWebhooks(db: Executor, id?: number): Promise<WebhookRecord[]> {
  const rows = await db.execute<WebhookRow>(sql`
    select w.id, w.name, w.url, w.format, w.events, w.pipeline_ids, w.stuck_after_minutes,
      w.waiting_after_minutes, w.enabled, left(w.secret, 10) as secret_prefix, w.created_by,
      w.created_at, w.updated_at,
      (select count(*)::int from alert_deliveries d where d.webhook_id = w.id and d.status = 'pending') as pending,
      (select count(*)::int from alert_deliveries d where d.webhook_id = w.id and d.status = 'failed') as failed,
      (select max(delivered_at) from alert_deliveries d where d.webhook_id = w.id) as last_delivered_at
    from webhooks w
    ${id === undefined ? sql`` : sql`where w.id = ${id}`}
    order by w.id`);
  return rows.map(toRecord);
}
