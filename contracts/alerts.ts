import { z } from 'zod';
import { defineRoute } from './api-route';

const isoTime = z.iso.datetime({ offset: true });

/** What a webhook may subscribe to (a `test` alert is sent when an admin asks for one). */
export const ALERT_EVENTS = [
  'problem_opened',
  'problem_reopened',
  'run_failed',
  'run_stuck',
  'run_waiting',
  'no_live_worker',
] as const;
export const AlertEventSchema = z.enum(ALERT_EVENTS);
export type AlertEvent = z.infer<typeof AlertEventSchema>;

/** Labels the console and the alerts' texts use. */
export const ALERT_EVENT_LABELS: Record<AlertEvent | 'test', string> = {
  problem_opened: 'Problem opened',
  problem_reopened: 'Problem reopened',
  run_failed: 'Run failed',
  run_stuck: 'Run stuck',
  run_waiting: 'Run waiting too long',
  no_live_worker: 'No live worker',
  test: 'Test',
};

export const WEBHOOK_FORMATS = ['generic', 'slack'] as const;
export const WebhookFormatSchema = z.enum(WEBHOOK_FORMATS);

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;

const webhookUrl = z
  .string()
  .trim()
  .min(1, 'a URL is required')
  .max(2000, 'at most 2,000 characters')
  .pipe(
    z.url({ protocol: /^https?$/, hostname: z.regexes.hostname, error: 'enter an http:// or https:// URL' }),
  );

const minutes = (max: number, what: string) =>
  z
    .number({ error: `${what}: a whole number of minutes` })
    .int(`${what}: a whole number of minutes`)
    .min(1, `${what}: at least 1 minute`)
    .max(max, `${what}: at most ${max.toLocaleString('en')} minutes`);

const webhookFields = {
  name: z.string().trim().min(1, 'a name is required').max(100, 'at most 100 characters'),
  url: webhookUrl,
  format: WebhookFormatSchema,
  events: z.array(AlertEventSchema).min(1, 'choose at least one alert').max(ALERT_EVENTS.length),
  pipelineIds: z
    .array(z.string().min(1))
    .max(200)
    .default([])
    .describe('only alerts about these pipelines; empty: every pipeline (no-live-worker alerts ignore it)'),
  stuckAfterMinutes: minutes(7 * 24 * 60, 'stuck after').default(30),
  waitingAfterMinutes: minutes(30 * 24 * 60, 'waiting after').default(24 * 60),
  enabled: z.boolean().default(true),
};

export const CreateWebhookSchema = z.object(webhookFields);
export type CreateWebhookRequest = z.infer<typeof CreateWebhookSchema>;

/** Every field as on creation, but the URL: left out, it stays as it is (it may hold a secret). */
export const UpdateWebhookSchema = z.object({ ...webhookFields, url: webhookUrl.optional() });
export type UpdateWebhookRequest = z.infer<typeof UpdateWebhookSchema>;

export const WebhookSummarySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  urlHint: z.string().describe('scheme and host only: a webhook URL may hold a secret (Slack)'),
  format: WebhookFormatSchema,
  events: z.array(AlertEventSchema),
  pipelineIds: z.array(z.string()),
  stuckAfterMinutes: z.number().int(),
  waitingAfterMinutes: z.number().int(),
  enabled: z.boolean(),
  secretHint: z.string().describe('the first characters of the signing secret'),
  createdBy: z.string(),
  createdAt: isoTime,
  updatedAt: isoTime,
  deliveries: z.object({
    pending: z.number().int(),
    failed: z.number().int(),
    lastDeliveredAt: isoTime.nullable(),
  }),
});
export type WebhookSummary = z.infer<typeof WebhookSummarySchema>;

export const CreatedWebhookSchema = z.object({
  webhook: WebhookSummarySchema,
  secret: z.string().describe('the HMAC-SHA256 signing secret, in this answer only'),
});

export const AlertDeliverySchema = z.object({
  id: z.number().int(),
  webhookId: z.number().int(),
  kind: z.enum([...ALERT_EVENTS, 'test']),
  summary: z.string().describe('what the alert says, in one line (ids, names, states, counts)'),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int(),
  responseCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: isoTime,
  lastAttemptAt: isoTime.nullable(),
  nextAttemptAt: isoTime.nullable().describe('when a pending delivery tries next'),
  deliveredAt: isoTime.nullable(),
});
export type AlertDelivery = z.infer<typeof AlertDeliverySchema>;

export const DeliveryListSchema = z.object({ deliveries: z.array(AlertDeliverySchema) });

const WebhookParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

/** Outgoing webhooks (alerts), administered by admins. */
export const alertRoutes = {
  listWebhooks: defineRoute({
    method: 'GET',
    path: '/api/admin/webhooks',
    summary: 'Outgoing webhooks (alerts), never their secrets or full URLs',
    access: 'admin',
    responses: { 200: z.object({ webhooks: z.array(WebhookSummarySchema) }) },
    errors: [],
  }),
  createWebhook: defineRoute({
    method: 'POST',
    path: '/api/admin/webhooks',
    summary: 'Create a webhook; its signing secret is in this answer only (audited)',
    access: 'admin',
    body: CreateWebhookSchema,
    responses: { 201: CreatedWebhookSchema },
    errors: ['VALIDATION_FAILED'],
  }),
  updateWebhook: defineRoute({
    method: 'PATCH',
    path: '/api/admin/webhooks/{id}',
    summary: 'Change a webhook (without `url`, the URL stays) (audited)',
    access: 'admin',
    params: WebhookParams,
    body: UpdateWebhookSchema,
    responses: { 200: z.object({ webhook: WebhookSummarySchema }) },
    errors: ['NOT_FOUND', 'VALIDATION_FAILED'],
  }),
  deleteWebhook: defineRoute({
    method: 'DELETE',
    path: '/api/admin/webhooks/{id}',
    summary: 'Delete a webhook and its delivery log (audited)',
    access: 'admin',
    params: WebhookParams,
    responses: { 204: null },
    errors: ['NOT_FOUND'],
  }),
  testWebhook: defineRoute({
    method: 'POST',
    path: '/api/admin/webhooks/{id}/test',
    summary: 'Queue a test alert to the webhook (audited); it shows in the delivery log',
    access: 'admin',
    params: WebhookParams,
    responses: { 201: z.object({ delivery: AlertDeliverySchema }) },
    errors: ['NOT_FOUND'],
  }),
  listDeliveries: defineRoute({
    method: 'GET',
    path: '/api/admin/webhooks/{id}/deliveries',
    summary: "A webhook's delivery log, newest first (the last 100)",
    access: 'admin',
    params: WebhookParams,
    responses: { 200: DeliveryListSchema },
    errors: ['NOT_FOUND'],
  }),
};
