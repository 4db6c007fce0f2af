'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { ALERT_EVENT_LABELS, type CreateWebhookRequest, type WebhookSummary } from '../../contracts/alerts';
import { apiRoutes } from '../../contracts/api-routes';
import { useAdminAction } from '../admin/use-admin-action';
import { callApi } from '../api/api-client';
import { queryKeys } from '../api/query-keys';
import { ConfirmInline } from '../ui/confirm-inline';
import { OneTimeSecret } from '../ui/one-time-secret';
import { RelativeTime } from '../ui/relative-time';
import { DeliveryLog } from './delivery-log';
import { type PipelineOption, WebhookForm } from './webhook-form';

/**
 * Outgoing webhooks: the list (with send test, edit, delete after a confirmation), the form to
 * create or edit one (the signing secret shown once), and the selected webhook's delivery log.
 */
export function WebhooksAdmin({
  webhooks,
  pipelines,
}: {
  webhooks: WebhookSummary[];
  pipelines: PipelineOption[];
}) {
  const router = useRouter();
  const client = useQueryClient();
  const [editing, setEditing] = useState<number | 'new' | null>(webhooks.length === 0 ? 'new' : null);
  const [saving, setSaving] = useState(false);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [selected, setSelected] = useState<number | null>(webhooks[0]?.id ?? null);
  const { pending, run } = useAdminAction();
  const titles = new Map(pipelines.map((p) => [p.id, p.title]));
  const shown = webhooks.find((w) => w.id === selected) ?? webhooks[0];
  const edited = typeof editing === 'number' ? webhooks.find((w) => w.id === editing) : undefined;

  async function save(request: CreateWebhookRequest) {
    setSaving(true);
    try {
      if (edited) {
        const { url, ...rest } = request;
        await callApi(apiRoutes.updateWebhook, {
          params: { id: edited.id },
          body: { ...rest, url: url || undefined },
        });
        toast.success(`Webhook ${request.name} saved`);
      } else {
        const answer = await callApi(apiRoutes.createWebhook, { body: request });
        setCreated({ name: answer.webhook.name, secret: answer.secret });
        setSelected(answer.webhook.id);
        toast.success(`Webhook ${answer.webhook.name} created`);
      }
      setEditing(null);
      router.refresh();
    } finally {
      setSaving(false);
    }
  }

  const sendTest = (webhook: WebhookSummary) =>
    run(async () => {
      await callApi(apiRoutes.testWebhook, { params: { id: webhook.id } });
      setSelected(webhook.id);
      await client.invalidateQueries({ queryKey: queryKeys.webhookDeliveries(webhook.id) });
      return `Test alert queued for ${webhook.name}`;
    }, 'toast');

  const remove = (webhook: WebhookSummary) =>
    run(async () => {
      await callApi(apiRoutes.deleteWebhook, { params: { id: webhook.id } });
      setConfirming(null);
      if (selected === webhook.id) setSelected(null);
      return `Webhook ${webhook.name} deleted`;
    }, 'toast');

  return (
    <>
      {created && (
        <OneTimeSecret
          label="Signing secret"
          secret={created.secret}
          testId="webhook-secret"
          onDone={() => setCreated(null)}
        >
          Webhook <strong>{created.name}</strong> signs every alert with this secret (header{' '}
          <code>Signalbox-Signature</code>). Copy it now: it will not be shown again.
        </OneTimeSecret>
      )}
      <section className="panel" aria-labelledby="webhook-list">
        <div className="panel-header">
          <h2 id="webhook-list">Webhooks</h2>
          <span className="button-row">
            <span className="meta">{webhooks.length}</span>
            {editing === null && (
              <button type="button" className="btn btn-small btn-primary" onClick={() => setEditing('new')}>
                New webhook
              </button>
            )}
          </span>
        </div>
        {webhooks.length === 0 ? (
          <p className="panel-body muted">
            No webhooks yet. Create one below to be told about new problems, failed, stuck or waiting runs,
            and workers that are gone — in Slack or any HTTP endpoint.
          </p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Alerts</th>
                  <th>Pipelines</th>
                  <th>Target</th>
                  <th>Status</th>
                  <th>Deliveries</th>
                  <th>
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {webhooks.map((w) => (
                  <tr key={w.id} aria-current={shown?.id === w.id ? 'true' : undefined}>
                    <td>
                      <strong>{w.name}</strong>
                      <div className="faint">
                        {w.format === 'slack' ? 'Slack' : 'Generic JSON'} · secret <code>{w.secretHint}</code>
                      </div>
                    </td>
                    <td>{w.events.map((e) => ALERT_EVENT_LABELS[e]).join(', ')}</td>
                    <td>
                      {w.pipelineIds.length === 0 ? (
                        <span className="faint">all</span>
                      ) : (
                        w.pipelineIds.map((id) => titles.get(id) ?? id).join(', ')
                      )}
                    </td>
                    <td>
                      <code>{w.urlHint}</code>
                    </td>
                    <td>{w.enabled ? 'enabled' : <span className="faint">disabled</span>}</td>
                    <td className="nowrap">
                      {w.deliveries.lastDeliveredAt ? (
                        <>
                          last <RelativeTime iso={w.deliveries.lastDeliveredAt} />
                        </>
                      ) : (
                        <span className="faint">none yet</span>
                      )}
                      {w.deliveries.pending > 0 && <div>{w.deliveries.pending} pending</div>}
                      {w.deliveries.failed > 0 && (
                        <div className="error-text">{w.deliveries.failed} failed</div>
                      )}
                    </td>
                    <td>
                      {confirming === w.id ? (
                        <ConfirmInline
                          label="Confirm delete"
                          pending={pending}
                          onConfirm={() => remove(w)}
                          onKeep={() => setConfirming(null)}
                        />
                      ) : (
                        <span className="button-row">
                          <button
                            type="button"
                            className="btn btn-small"
                            disabled={pending}
                            aria-label={`Send test to ${w.name}`}
                            onClick={() => sendTest(w)}
                          >
                            Send test
                          </button>
                          <button
                            type="button"
                            className="btn btn-small"
                            aria-label={`Delivery log of ${w.name}`}
                            aria-pressed={shown?.id === w.id}
                            onClick={() => setSelected(w.id)}
                          >
                            Log
                          </button>
                          <button
                            type="button"
                            className="btn btn-small"
                            aria-label={`Edit ${w.name}`}
                            onClick={() => setEditing(w.id)}
                          >
                            Edit
                          </button>
                          <button
                            type="button"
                            className="btn btn-small"
                            aria-label={`Delete ${w.name}`}
                            title="Deletes the webhook and its delivery log"
                            onClick={() => setConfirming(w.id)}
                          >
                            Delete
                          </button>
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {editing !== null && (
        <section className="panel" aria-labelledby="webhook-form">
          <div className="panel-header">
            <h2 id="webhook-form">{edited ? `Edit ${edited.name}` : 'New webhook'}</h2>
            <span className="meta">
              {edited ? 'the secret stays' : 'a signing secret is generated and shown once'}
            </span>
          </div>
          <div className="panel-body">
            <WebhookForm
              key={edited?.id ?? 'new'}
              webhook={edited}
              pipelines={pipelines}
              pending={saving}
              onSubmit={save}
              onCancel={webhooks.length > 0 || edited ? () => setEditing(null) : undefined}
            />
          </div>
        </section>
      )}
      {shown && <DeliveryLog key={shown.id} webhookId={shown.id} name={shown.name} />}
    </>
  );
}
