'use client';

import { useQuery } from '@tanstack/react-query';
import { apiRoutes } from '../../contracts/api-routes';
import type { IngestSummary } from '../../contracts/ingest';
import type { RunStatus } from '../../contracts/run-page';
import { callApi } from '../api/api-client';
import { queryKeys } from '../api/query-keys';
import { formatBytes, formatPercent, meterScale, shareVerdict } from './ingest-format';
import { STEP_PROGRESS_POLL_MS } from './ingest-refresh';

/** The state the ingestion machine waits in for an operator's approve or reject. */
const REVIEW_STATE = 'awaiting_review';

type Tone = 'total' | 'succeeded' | 'waiting' | 'failed' | 'cancelled';

function Count({ label, value, tone, note }: { label: string; value: number; tone: Tone; note?: string }) {
  return (
    <div className="stat" data-tone={tone}>
      <dt className="stat-label">{label}</dt>
      <dd className="stat-value">{value.toLocaleString('en-US')}</dd>
      {note && <dd className="stat-note">{note}</dd>}
    </div>
  );
}

function ShareMeter({ share, threshold }: { share: number; threshold: number }) {
  const scale = meterScale(share, threshold);
  const verdict = shareVerdict(share, threshold);
  const at = (value: number) => `${Math.min(100, (value / scale) * 100)}%`;
  return (
    <div className="share">
      <div className="share-line">
        <span>
          <strong>{formatPercent(share)}</strong> quarantined · review threshold{' '}
          <strong>{formatPercent(threshold)}</strong>
        </span>
        <span className="badge" data-tone={verdict === 'above' ? 'waiting' : 'succeeded'}>
          <span className="badge-dot" aria-hidden="true" />
          {verdict === 'above' ? 'above the threshold' : 'within the threshold'}
        </span>
      </div>
      <div
        className="share-meter"
        data-tone={verdict === 'above' ? 'waiting' : 'succeeded'}
        role="img"
        aria-label={`${formatPercent(share)} quarantined against a review threshold of ${formatPercent(threshold)}`}
      >
        <span className="share-meter-fill" style={{ width: at(share) }} />
        <span className="share-meter-threshold" style={{ left: at(threshold) }} title="review threshold" />
      </div>
      <div className="share-scale faint" aria-hidden="true">
        <span>0</span>
        <span>{formatPercent(scale)}</span>
      </div>
    </div>
  );
}

/**
 * An ingestion run's numbers, live: what the file held (received), what passed (valid), what was
 * set aside (quarantined, against the review threshold), what was loaded and what was already
 * there (duplicates); and, while the run waits for review, what approve and reject would do.
 */
export function IngestSummaryPanel({
  runId,
  runStatus,
  runState,
  initial,
}: {
  runId: string;
  runStatus: RunStatus;
  runState: string;
  initial: IngestSummary;
}) {
  const { data: summary } = useQuery({
    queryKey: queryKeys.runIngest(runId),
    queryFn: async () => (await callApi(apiRoutes.getIngestSummary, { params: { id: runId } })).summary,
    initialData: initial,
    refetchInterval: runStatus === 'running' ? STEP_PROGRESS_POLL_MS : false,
  });
  const { counts, reviewThreshold: threshold, review, file } = summary;
  const waiting = runState === REVIEW_STATE;

  return (
    <section className="panel" aria-labelledby="run-ingest">
      <div className="panel-header">
        <h2 id="run-ingest">Ingestion</h2>
        <span className="meta truncate">
          {file ? (
            <>
              <span className="mono" title={`sha256 ${file.sha256}`}>
                {file.name}
              </span>{' '}
              · {formatBytes(file.bytes)}
            </>
          ) : null}
          {runStatus === 'running' ? ' · counting live' : ''}
        </span>
      </div>
      <div className="panel-body stack" style={{ gap: 12 }}>
        {waiting && (
          <div className="alert alert-warning" role="status">
            <p>
              <strong>Waiting for review.</strong> {formatPercent(summary.quarantinedShare)} of the records
              were quarantined
              {threshold !== null && <>, above the {formatPercent(threshold)} threshold</>}.{' '}
              <em>Send approve</em> loads the {counts.valid.toLocaleString('en-US')} valid records and leaves
              the quarantined ones out; <em>Send reject</em> ends the run without loading anything.{' '}
              {counts.quarantined > 0 && <a href="#run-quarantine">See the quarantined records ↓</a>}
            </p>
          </div>
        )}
        <dl className="count-grid" aria-label="Record counts">
          <Count label="Received" value={counts.received} tone="total" />
          <Count label="Valid" value={counts.valid} tone="succeeded" />
          <Count
            label="Quarantined"
            value={counts.quarantined}
            tone={counts.quarantined === 0 ? 'cancelled' : 'waiting'}
            note={counts.received ? `${formatPercent(summary.quarantinedShare)} of received` : undefined}
          />
          <Count label="Loaded" value={counts.loaded} tone="succeeded" />
          <Count label="Duplicates" value={counts.duplicates} tone="cancelled" />
        </dl>
        {counts.received === 0 ? (
          <p className="muted">
            {runStatus === 'running' ? 'No records read yet.' : 'No records were read from the file.'}
          </p>
        ) : (
          threshold !== null && <ShareMeter share={summary.quarantinedShare} threshold={threshold} />
        )}
        {(review || (summary.converted ?? 0) > 0) && (
          <dl className="facts">
            {review && (
              <>
                <dt>Review</dt>
                <dd>
                  <span
                    className="badge"
                    data-tone={review.decision === 'approved' ? 'succeeded' : 'cancelled'}
                  >
                    <span className="badge-dot" aria-hidden="true" />
                    {review.decision}
                  </span>
                  {review.comment && <span className="muted"> “{review.comment}”</span>}
                </dd>
              </>
            )}
            {(summary.converted ?? 0) > 0 && (
              <>
                <dt>Units converted</dt>
                <dd>{summary.converted!.toLocaleString('en-US')} values to their canonical unit</dd>
              </>
            )}
          </dl>
        )}
      </div>
    </section>
  );
}
