'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { apiRoutes } from '../../contracts/api-routes';
import type { QuarantineView } from '../../contracts/ingest';
import type { RunStatus } from '../../contracts/run-page';
import { callApi, routeHref } from '../api/api-client';
import { queryKeys } from '../api/query-keys';
import { useViewer } from '../auth/viewer-context';
import { QUARANTINE_PAGE_SIZE, STEP_PROGRESS_POLL_MS } from './ingest-refresh';

function emptyText(status: RunStatus): string {
  switch (status) {
    case 'running':
    case 'waiting':
      return 'Nothing quarantined so far.';
    case 'succeeded':
      return 'Nothing was quarantined: every record passed validation.';
    default:
      return 'Nothing was quarantined.';
  }
}

function RawValue({ value }: { value: string | null | undefined }) {
  if (value === null || value === undefined) return <span className="faint">—</span>;
  if (value === '') return <span className="faint">(empty)</span>;
  return <code className="raw-value">{value}</code>;
}

/**
 * The run's quarantined records, a page at a time: which record (CSV row or bundle entry), its line,
 * the field, why, and the step that set it aside. Raw values are health data: they are fetched and
 * shown only after "Show values" is ticked. "Export CSV" downloads them all (values included).
 */
export function QuarantinePanel({
  runId,
  runStatus,
  initial,
}: {
  runId: string;
  runStatus: RunStatus;
  /** The first page without values, rendered by the server. */
  initial: QuarantineView;
}) {
  const valuesId = useId();
  const [page, setPage] = useState(1);
  const viewer = useViewer();
  const [values, setValues] = useState(false);
  const query = useQuery({
    queryKey: queryKeys.runQuarantine(runId, page, values),
    queryFn: () =>
      callApi(apiRoutes.getQuarantine, {
        params: { id: runId },
        query: { page, pageSize: QUARANTINE_PAGE_SIZE, values: values ? 'true' : 'false' },
      }),
    initialData: page === 1 && !values ? initial : undefined,
    placeholderData: keepPreviousData,
    refetchInterval: runStatus === 'running' ? STEP_PROGRESS_POLL_MS : false,
  });
  const data = query.data ?? initial;
  // A retried run can have fewer records than when this page was chosen: go back to the last page.
  useEffect(() => {
    if (query.data && !query.isPlaceholderData && page > query.data.pageCount) setPage(query.data.pageCount);
  }, [query.data, query.isPlaceholderData, page]);
  const first = (data.page - 1) * data.pageSize + 1;
  const last = first + data.items.length - 1;
  const showValues = values && data.values;

  return (
    <section className="panel" aria-labelledby="run-quarantine-title" id="run-quarantine">
      <div className="panel-header">
        <div className="button-row">
          <h2 id="run-quarantine-title">Quarantined records</h2>
          <span className="meta">
            {data.records.toLocaleString('en-US')} {data.records === 1 ? 'record' : 'records'}
            {data.total !== data.records && ` · ${data.total.toLocaleString('en-US')} issues`}
          </span>
        </div>
        {data.total > 0 && viewer.canReadPayload && (
          <div className="button-row">
            <label className="checkbox" htmlFor={valuesId} title="Raw values are health data">
              <input
                id={valuesId}
                type="checkbox"
                checked={values}
                onChange={(event) => setValues(event.target.checked)}
              />
              Show values
            </label>
            <a
              className="btn btn-small"
              href={routeHref(apiRoutes.exportQuarantine, { params: { id: runId } })}
              download
              title="Every quarantined record as CSV, raw values included"
            >
              Export CSV
            </a>
          </div>
        )}
      </div>
      {query.error && (
        <p className="alert" role="alert" style={{ margin: 12 }}>
          Could not load the quarantined records: {query.error.message}
        </p>
      )}
      {data.total === 0 ? (
        <p className="empty">{emptyText(runStatus)}</p>
      ) : (
        <div className="table-wrap" aria-busy={query.isFetching && query.isPlaceholderData}>
          <table className="table" aria-labelledby="run-quarantine-title">
            <thead>
              <tr>
                <th scope="col" className="num" title="CSV data row or bundle entry number">
                  Row / entry
                </th>
                <th scope="col" className="num">
                  Line
                </th>
                <th scope="col">Field</th>
                <th scope="col">Reason</th>
                <th scope="col">Stage</th>
                {showValues && <th scope="col">Raw value</th>}
              </tr>
            </thead>
            <tbody>
              {data.items.map((item) => (
                <tr key={`${item.recordNumber}:${item.field}`}>
                  <td className="num">{item.recordNumber}</td>
                  <td className="num">{item.line ?? <span className="faint">—</span>}</td>
                  <td>
                    <code>{item.field}</code>
                  </td>
                  <td className="quarantine-reason">{item.reason}</td>
                  <td className="state">{item.stage}</td>
                  {showValues && (
                    <td>
                      <RawValue value={item.rawValue} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data.total > 0 && (
        <nav className="panel-footer" aria-label="Quarantine pages">
          <span>
            {first.toLocaleString('en-US')}–{last.toLocaleString('en-US')} of{' '}
            {data.total.toLocaleString('en-US')}
          </span>
          {data.pageCount > 1 && (
            <span className="button-row">
              <span>
                Page {data.page} of {data.pageCount}
              </span>
              <button
                type="button"
                className="btn btn-small"
                disabled={page <= 1}
                onClick={() => setPage((current) => Math.max(1, current - 1))}
              >
                Previous
              </button>
              <button
                type="button"
                className="btn btn-small"
                disabled={page >= data.pageCount}
                onClick={() => setPage((current) => current + 1)}
              >
                Next
              </button>
            </span>
          )}
        </nav>
      )}
    </section>
  );
}
