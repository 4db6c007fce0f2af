import { type SQL, sql } from 'drizzle-orm';

/** The graphile-worker task that makes one delivery attempt (payload `{deliveryId}`). */
export const ALERT_DELIVERY_TASK = 'signalbox.alert';

/**
 * graphile-worker's own attempts at a delivery job: only for a job that throws (the database went
 * away, the worker died mid-attempt). A receiver that fails is retried by the delivery itself, with
 * its own backoff and attempt count (`core/alerts/deliver-alert.ts`).
 */
export const ALERT_JOB_MAX_ATTEMPTS = 5;

/** A delivery's job key: one pending job per delivery, however often it is rescheduled. */
export const alertJobKey = (deliveryId: number | string): string => `signalbox-alert:${deliveryId}`;

/**
 * `graphile_worker.add_jobs` for the deliveries of the CTE named `from` (it returns `id`), due at
 * once. A plain SELECT: the statement's final select must reference it for it to run.
 */
export function addAlertJobsSql(from: string): SQL {
  return sql`select graphile_worker.add_jobs(array(
    select json_populate_record(null::graphile_worker.job_spec, json_build_object(
      'identifier', ${ALERT_DELIVERY_TASK}::text, 'payload', json_build_object('deliveryId', d.id),
      'max_attempts', ${ALERT_JOB_MAX_ATTEMPTS}::int, 'job_key', 'signalbox-alert:' || d.id))
    from ${sql.identifier(from)} d)) as job`;
}
