'use client';

import { useQuery } from '@tanstack/react-query';
import { ALERT_EVENT_LABELS, type AlertDelivery } from '../../contracts/alerts';
import { apiRoutes } from '../../contracts/api-routes';
import { callApi } from '../api/api-client';
import { queryKeys } from '../api/query-keys';
import { RelativeTime } from '../ui/relative-time';

const TONE: Record<AlertDelivery['status'], string> = {
  pending: 'waiting',
  delivered: 'succeeded',
  failed: 'failed',
};

/** A delivery's status as a badge: the word is always there, colour follows run statuses. */
function DeliveryStatus({ delivery }: { delivery: AlertDelivery }) {
  const label = delivery.status === 'pending' && delivery.attempts > 0 ? 'retrying' : delivery.status;
  return (
    <span className="badge" data-tone={TONE[delivery.status]}>
      <span className="badge-dot" aria-hidden="true" />
      {label}
    </span>
  );
}

/**
 * The last deliveries of one webhook, newest first, refreshed every 2 s while any is still pending
 * (a test just sent, a receiver being retried).
 */
export function DeliveryLog({ webhookId, name }: { webhookId: number; name: string }) {
  const { data, error, isPending } = useQuery({
    queryKey: queryKeys.webhookDeliveries(webhookId),
    queryFn: () => callApi(apiRoutes.listDeliveries, { params: { id: webhookId } }),
    refetchInterval: (query) =>
      query.state.data?.deliveries.some((d) => d.status === 'pending') ? 2_000 : 15_000,
  });
  const deliveries = data?.deliveries ?? [];
  return (
    <section className="panel" aria-labelledby="delivery-log">
      <div className="panel-header">
        <h2 id="delivery-log">Delivery log — {name}</h2>
        <span className="meta">last 100, kept 30 days</span>
      </div>
      {error ? (
        <p className="panel-body error-text" role="alert">
          {(error as Error).message}
        </p>
      ) : isPending ? (
        <p className="panel-body muted">Loading…</p>
      ) : deliveries.length === 0 ? (
        <p className="panel-body muted">
          Nothing sent yet. Press <strong>Send test</strong> to check that the receiver gets alerts.
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table" aria-label={`Deliveries of ${name}`}>
            <thead>
              <tr>
                <th>Alert</th>
                <th>What</th>
                <th>Status</th>
                <th>Attempts</th>
                <th>Answer</th>
                <th>Queued</th>
                <th>Last try / next</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((d) => (
                <tr key={d.id}>
                  <td className="nowrap">
                    {ALERT_EVENT_LABELS[d.kind]} <span className="faint">#{d.id}</span>
                  </td>
                  <td className="truncate" title={d.summary}>
                    {d.summary}
                  </td>
                  <td>
                    <DeliveryStatus delivery={d} />
                  </td>
                  <td>{d.attempts}</td>
                  <td className="nowrap">
                    {d.responseCode !== null && d.status === 'delivered'
                      ? `HTTP ${d.responseCode}`
                      : (d.lastError ?? <span className="faint">—</span>)}
                  </td>
                  <td>
                    <RelativeTime iso={d.createdAt} />
                  </td>
                  <td className="nowrap">
                    <RelativeTime iso={d.lastAttemptAt} />
                    {d.nextAttemptAt && d.attempts > 0 && (
                      <>
                        {' '}
                        <span className="faint">· next</span> <RelativeTime iso={d.nextAttemptAt} />
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
