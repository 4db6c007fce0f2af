import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { addAlertJobsSql } from './alert-jobs';
import { DELIVERY_COLUMNS, type DeliveryRecord, toDeliveryRecord } from './select-alert-deliveries';

/** A test alert for one webhook, with its job, in one statement; undefined when there is no such webhook. */
export async function insertTestDelivery(
  db: Executor,
  webhookId: number,
): Promise<DeliveryRecord | undefined> {
  const [row] = await db.execute<Parameters<typeof toDeliveryRecord>[0]>(sql`
    with d as (
      insert into alert_deliveries (webhook_id, kind, event)
      select id, 'test', jsonb_build_object('webhook', jsonb_build_object('id', id, 'name', name))
      from webhooks where id = ${webhookId}
      returning ${DELIVERY_COLUMNS}),
    jobs as (${addAlertJobsSql('d')})
    select d.*, (select count(*) from jobs) as jobs from d`);
  return row ? toDeliveryRecord(row) : undefined;
}
