import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { ALERT_DELIVERY_TASK, ALERT_JOB_MAX_ATTEMPTS, alertJobKey } from './alert-jobs';

/** How an attempt ended, as the delivery log records it. */
export type DeliveryOutcome =
  | { kind: 'delivered'; responseCode: number }
  /** Failed; tried again after `retryInMs` (its job written in the same statement). */
  | { kind: 'retry'; responseCode: number | null; error: string; retryInMs: number }
  /** Failed for the last time. */
  | { kind: 'failed'; responseCode: number | null; error: string };

/**
 * Records attempt `attempt` of a delivery. Only the attempt that holds the delivery settles it (a
 * late answer of an attempt whose lease ran out does not overwrite a newer one), but a 2xx always
 * counts: the receiver has it.
 */
export async function settleAlertDelivery(
  db: Executor,
  id: number,
  attempt: number,
  outcome: DeliveryOutcome,
): Promise<void> {
  if (outcome.kind === 'delivered') {
    await db.execute(sql`
      update alert_deliveries set status = 'delivered', response_code = ${outcome.responseCode},
        last_error = null, delivered_at = now()
      where id = ${id} and status = 'pending'`);
    return;
  }
  if (outcome.kind === 'failed') {
    await db.execute(sql`
      update alert_deliveries set status = 'failed', response_code = ${outcome.responseCode},
        last_error = ${outcome.error}
      where id = ${id} and status = 'pending' and attempts = ${attempt}`);
    return;
  }
  await db.execute(sql`
    with d as (
      update alert_deliveries set response_code = ${outcome.responseCode}, last_error = ${outcome.error},
        next_attempt_at = now() + make_interval(secs => ${outcome.retryInMs / 1000})
      where id = ${id} and status = 'pending' and attempts = ${attempt}
      returning id, next_attempt_at)
    select graphile_worker.add_job(${ALERT_DELIVERY_TASK}::text, json_build_object('deliveryId', d.id),
      run_at => d.next_attempt_at, max_attempts => ${ALERT_JOB_MAX_ATTEMPTS}::int,
      job_key => ${alertJobKey(id)}::text) from d`);
}

/** Makes sure a job runs the delivery at `at` (a job that found it not due yet). */
export async function rescheduleAlertJob(db: Executor, id: number, at: Date): Promise<void> {
  await db.execute(sql`
    select graphile_worker.add_job(${ALERT_DELIVERY_TASK}::text, json_build_object('deliveryId', ${id}::bigint),
      run_at => ${at.toISOString()}::timestamptz, max_attempts => ${ALERT_JOB_MAX_ATTEMPTS}::int,
      job_key => ${alertJobKey(id)}::text)`);
}
