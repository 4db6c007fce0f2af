import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import type { AlertKind, WebhookFormat } from '../schema';

/** What an admin sets on a webhook. */
export interface WebhookFields {
  name: string;
  format: WebhookFormat;
  events: AlertKind[];
  pipelineIds: string[];
  stuckAfterMinutes: number;
  waitingAfterMinutes: number;
  enabled: boolean;
}

const textArray = (values: readonly string[]) =>
  sql`array(select json_array_elements_text(${JSON.stringify(values)}::json))`;

/** Inserts a webhook; answers its id. */
export async function insertWebhook(
  db: Executor,
  webhook: WebhookFields & { url: string; secret: string; createdBy: string },
): Promise<number> {
  const [row] = await db.execute<{ id: string | number }>(sql`
    insert into webhooks (name, url, format, events, pipeline_ids, secret, stuck_after_minutes,
      waiting_after_minutes, enabled, created_by)
    values (${webhook.name}, ${webhook.url}, ${webhook.format}, ${textArray(webhook.events)},
      ${textArray(webhook.pipelineIds)}, ${webhook.secret}, ${webhook.stuckAfterMinutes},
      ${webhook.waitingAfterMinutes}, ${webhook.enabled}, ${webhook.createdBy})
    returning id`);
  return Number(row!.id);
}

/** Updates a webhook (its URL too when given); false when there is none with `id`. */
export async function updateWebhook(
  db: Executor,
  id: number,
  webhook: WebhookFields & { url?: string },
): Promise<boolean> {
  const rows = await db.execute<{ id: string | number }>(sql`
    update webhooks set name = ${webhook.name}, format = ${webhook.format},
      events = ${textArray(webhook.events)}, pipeline_ids = ${textArray(webhook.pipelineIds)},
      stuck_after_minutes = ${webhook.stuckAfterMinutes}, waiting_after_minutes = ${webhook.waitingAfterMinutes},
      enabled = ${webhook.enabled}, url = coalesce(${webhook.url ?? null}::text, url), updated_at = now()
    where id = ${id}
    returning id`);
  return rows.length > 0;
}

/** Deletes a webhook with its delivery log (their pending jobs find nothing and end); its name, or undefined. */
export async function deleteWebhook(db: Executor, id: number): Promise<string | undefined> {
  const [row] = await db.execute<{ name: string }>(sql`delete from webhooks where id = ${id} returning name`);
  return row?.name;
}
