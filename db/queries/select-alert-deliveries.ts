import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import type { AlertKind, DeliveryStatus } from '../schema';

/** One line of a webhook's delivery log. */
export interface DeliveryRecord {
  id: number;
  webhookId: number;
  kind: AlertKind;
  event: unknown;
  status: DeliveryStatus;
  attempts: number;
  responseCode: number | null;
  lastError: string | null;
  createdAt: Date;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date;
  deliveredAt: Date | null;
}

type DeliveryRow = {
  id: string | number;
  webhook_id: string | number;
  kind: AlertKind;
  event: unknown;
  status: DeliveryStatus;
  attempts: number;
  response_code: number | null;
  last_error: string | null;
  created_at: string | Date;
  last_attempt_at: string | Date | null;
  next_attempt_at: string | Date;
  delivered_at: string | Date | null;
};

const date = (value: string | Date | null) => (value === null ? null : new Date(value));

export const toDeliveryRecord = (row: DeliveryRow): DeliveryRecord => ({
  id: Number(row.id),
  webhookId: Number(row.webhook_id),
  kind: row.kind,
  event: row.event,
  status: row.status,
  attempts: row.attempts,
  responseCode: row.response_code,
  lastError: row.last_error,
  createdAt: new Date(row.created_at),
  lastAttemptAt: date(row.last_attempt_at),
  nextAttemptAt: new Date(row.next_attempt_at),
  deliveredAt: date(row.delivered_at),
});

export const DELIVERY_COLUMNS = sql`id, webhook_id, kind, event, status, attempts, response_code, last_error,
  created_at, last_attempt_at, next_attempt_at, delivered_at`;

/** A webhook's deliveries, newest first. */
export async function selectAlertDeliveries(
  db: Executor,
  webhookId: number,
  limit: number,
): Promise<DeliveryRecord[]> {
  const rows = await db.execute<DeliveryRow>(sql`
    select ${DELIVERY_COLUMNS} from alert_deliveries where webhook_id = ${webhookId}
    order by id desc limit ${limit}`);
  return rows.map(toDeliveryRecord);
}
