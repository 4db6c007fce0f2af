'use client';

import Link from 'next/link';
import type { RunSort, RunSummary } from '../../contracts/runs';
import { RelativeTime } from '../ui/relative-time';
import { RunId } from '../ui/run-id';
import { StatusBadge } from '../ui/status-badge';

export interface RunsTableSort {
  sort: RunSort;
  dir: 'asc' | 'desc';
  onSort: (sort: RunSort) => void;
}

interface Column {
  key: string;
  label: string;
  sort?: RunSort;
}

function SortableHeader({ column, sort }: { column: Column; sort?: RunsTableSort }) {
  if (!sort || !column.sort) return <th scope="col">{column.label}</th>;
  const active = sort.sort === column.sort;
  const ariaSort = active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none';
  return (
    <th scope="col" aria-sort={ariaSort}>
      <button type="button" className="sort-button" onClick={() => sort.onSort(column.sort!)}>
        {column.label}
        <span className="sort-indicator" aria-hidden="true">
          {active ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
        </span>
      </button>
    </th>
  );
}

/** Runs as a dense table: short id, pipeline, state, status in words, times relative with exact on hover. */
export function RunsTable({
  runs,
  caption,
  sort,
  showPipeline = true,
  showError = false,
  compact = false,
}: {
  runs: readonly RunSummary[];
  caption: string;
  sort?: RunsTableSort;
  showPipeline?: boolean;
  showError?: boolean;
  /** Fewer columns, for half-width panels: no idempotency key, no creation time. */
  compact?: boolean;
}) {
  const columns: Column[] = [
    { key: 'id', label: 'Run' },
    ...(showPipeline ? [{ key: 'pipeline', label: 'Pipeline', sort: 'pipeline' as const }] : []),
    { key: 'state', label: 'State', sort: 'state' },
    { key: 'status', label: 'Status', sort: 'status' },
    ...(showError ? [{ key: 'error', label: 'Error' }] : []),
    ...(compact
      ? []
      : [
          { key: 'key', label: 'Idempotency key' },
          { key: 'created', label: 'Created', sort: 'created' as const },
        ]),
    { key: 'updated', label: 'Updated', sort: 'updated' },
  ];
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <SortableHeader key={column.key} column={column} sort={sort} />
            ))}
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id}>
              <td className="nowrap">
                <RunId id={run.id} />
              </td>
              {showPipeline && (
                <td className="nowrap">
                  <Link href={`/pipelines/${run.pipelineId}`}>{run.pipelineId}</Link>
                  {run.pipelineVersion > 1 && <span className="faint"> v{run.pipelineVersion}</span>}
                </td>
              )}
              <td className="nowrap">
                <span className="state">{run.state}</span>
                {run.failedState && run.failedState !== run.state && (
                  <span className="faint" title={`the step of ${run.failedState} failed`}>
                    {' '}
                    ← <span className="state faint">{run.failedState}</span>
                  </span>
                )}
              </td>
              <td>
                <StatusBadge status={run.status} />
                {run.queue && (
                  <div className="queue-note" title={run.queue.reason}>
                    #{run.queue.position} of {run.queue.of} · {run.queue.reason}
                  </div>
                )}
              </td>
              {showError && (
                <td
                  className="error-text truncate"
                  style={{ maxWidth: 320 }}
                  title={run.errorMessage ?? undefined}
                >
                  {run.errorMessage ?? <span className="faint">—</span>}
                </td>
              )}
              {!compact && (
                <>
                  <td
                    className="truncate mono"
                    style={{ maxWidth: 220 }}
                    title={run.idempotencyKey ?? undefined}
                  >
                    {run.idempotencyKey ?? <span className="faint">—</span>}
                  </td>
                  <td>
                    <RelativeTime iso={run.createdAt} />
                  </td>
                </>
              )}
              <td>
                <RelativeTime iso={run.updatedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
