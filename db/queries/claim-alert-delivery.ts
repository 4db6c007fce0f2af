import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import type { AlertKind, DeliveryStatus, WebhookFormat } from '../schema';

/** A delivery claimed for one attempt, with where and how to send it. */
export interface ClaimedDelivery {
  id: number;
  kind: AlertKind;
  event: unknown;
  /** This attempt's number (1 = the first). */
  attempt: number;
  createdAt: Date;
  url: string;
  format: WebhookFormat;
  secret: string;
}

export type ClaimResult =
  | { claimed: ClaimedDelivery }
  /** Not due yet (a later retry, or an attempt under way elsewhere): try again at `nextAttemptAt`. */
  | { notDue: Date }
  /** Delivered, given up, or deleted with its webhook: nothing to do. */
  | { finished: DeliveryStatus | 'deleted' };

/**
 * Takes a due, pending delivery for one attempt: counts the attempt and leases the delivery for
 * `leaseMs` (its `next_attempt_at`), so a duplicate job (or the console's watchdog) does not send it
 * at the same time; a lease that runs out (the sender died) makes it due again.
 */
export async function claimAlertDelivery(db: Executor, id: number, leaseMs: number): Promise<ClaimResult> {
  const [row] = await db.execute<{
    id: string | number;
    kind: AlertKind;
    event: unknown;
    attempts: number;
    created_at: string | Date;
    url: string;
    format: WebhookFormat;
    secret: string;
  }>(sql`
    update alert_deliveries d set attempts = d.attempts + 1, last_attempt_at = now(),
      next_attempt_at = now() + make_interval(secs => ${leaseMs / 1000})
    from webhooks w
    where d.id = ${id} and w.id = d.webhook_id and d.status = 'pending' and d.next_attempt_at <= now()
    returning d.id, d.kind, d.event, d.attempts, d.created_at, w.url, w.format, w.secret`);
  if (row) {
    return {
      claimed: {
        id: Number(row.id),
        kind: row.kind,
        event: row.event,
        attempt: row.attempts,
        createdAt: new Date(row.created_at),
        url: row.url,
        format: row.format,
        secret: row.secret,
      },
    };
  }
  const [current] = await db.execute<{ status: DeliveryStatus; next_attempt_at: string | Date }>(
    sql`select status, next_attempt_at from alert_deliveries where id = ${id}`,
  );
  if (!current) return { finished: 'deleted' };
  if (current.status !== 'pending') return { finished: current.status };
  return { notDue: new Date(current.next_attempt_at) };
}
