'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { apiRoutes } from '../../contracts/api-routes';
import type { RunStatus } from '../../contracts/run-page';
import { COUNT_CAP, type RunListPage, type RunSort, type RunStatusFacets } from '../../contracts/runs';
import { callApi } from '../api/api-client';
import { ApiError } from '../api/api-error';
import { queryKeys } from '../api/query-keys';
import { useViewer } from '../auth/viewer-context';
import { formatCount } from '../ui/format-count';
import { PageHeader } from '../ui/page-header';
import { BulkRetry } from './bulk-retry';
import { RunFiltersForm, type RunFilterValues } from './run-filters-form';
import { canonicalRunSearch, changeRunSearch, filterObject, filterSearch } from './run-search-params';
import { RunsTable } from './runs-table';
import { StatusFacets } from './status-facets';

const PAGE_SIZES = [25, 50, 100, 200];
/** Columns whose natural first order is newest first; the others start A→Z. */
const DESCENDING_FIRST = new Set<RunSort>(['created', 'updated']);

/** Filters and paging live in the URL; moving through them needs no server render (history.pushState). */
function navigate(search: string) {
  window.history.pushState(null, '', search ? `?${search}` : window.location.pathname);
}

function describeFilters(filter: Record<string, string>): string {
  const parts = [
    filter.pipeline && `pipeline ${filter.pipeline}`,
    filter.state && `state ${filter.state}`,
    filter.createdAfter && `created after ${new Date(filter.createdAfter).toLocaleString()}`,
    filter.createdBefore && `created before ${new Date(filter.createdBefore).toLocaleString()}`,
    filter.q && `search “${filter.q}”`,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'no other filter (all runs)';
}

function facetSummary(facets: RunStatusFacets | undefined, statuses: readonly RunStatus[]): string {
  if (!facets) return 'Every run, newest first';
  const runs = (n: number, capped: boolean) =>
    `${formatCount(n, capped)} ${n === 1 && !capped ? 'run' : 'runs'}`;
  const anyCapped = facets.capped.length > 0;
  const note = anyCapped ? ` (counts stop at ${formatCount(COUNT_CAP)})` : '';
  const one = facets.total === 1 && !anyCapped;
  if (statuses.length === 0)
    return `${runs(facets.total, anyCapped)} ${one ? 'matches' : 'match'} the filters${note}`;
  const shown = statuses.reduce((sum, status) => sum + (facets.counts[status] ?? 0), 0);
  const shownCapped = statuses.some((status) => facets.capped.includes(status));
  return `${runs(shown, shownCapped)} ${statuses.join(' or ')}, of ${runs(facets.total, anyCapped)} matching the other filters${note}`;
}

export interface RunsScreenProps {
  initialSearch: string;
  initialPage: RunListPage | null;
  initialFacets: RunStatusFacets | null;
  pipelines: { id: string; title: string }[];
}

/** The runs list: status facets, filters, sortable table, keyset paging, bulk retry of failed runs. */
export function RunsScreen({ initialSearch, initialPage, initialFacets, pipelines }: RunsScreenProps) {
  const viewer = useViewer();
  const params = useSearchParams();
  const search = canonicalRunSearch(params);
  const filters = filterSearch(search);
  // Facet counts ignore the status filter: toggling a status must not change (or refetch) them.
  const facetSearch = changeRunSearch(filters, { status: null });
  const current = new URLSearchParams(search);

  const list = useQuery({
    queryKey: queryKeys.runList(search),
    queryFn: () => callApi(apiRoutes.listRuns, { query: new URLSearchParams(search) }),
    initialData: search === initialSearch && initialPage ? initialPage : undefined,
    placeholderData: keepPreviousData,
  });
  const facets = useQuery({
    queryKey: queryKeys.runStatusCounts(facetSearch),
    queryFn: () => callApi(apiRoutes.runStatusCounts, { query: new URLSearchParams(facetSearch) }),
    initialData:
      facetSearch === changeRunSearch(filterSearch(initialSearch), { status: null }) && initialFacets
        ? initialFacets
        : undefined,
    placeholderData: keepPreviousData,
  });

  const selectedStatuses = (current.get('status')?.split(',') ?? []) as RunStatus[];
  const sort = (current.get('sort') ?? 'created') as RunSort;
  const dir = (current.get('dir') ?? 'desc') as 'asc' | 'desc';
  const limit = current.get('limit') ?? '50';
  const filterValues: RunFilterValues = {
    pipeline: current.get('pipeline') ?? '',
    state: current.get('state') ?? '',
    createdAfter: current.get('createdAfter') ?? '',
    createdBefore: current.get('createdBefore') ?? '',
    q: current.get('q') ?? '',
  };
  const otherFilters = filterObject(filters);
  delete otherFilters.status;
  const failedSelected = selectedStatuses.length === 0 || selectedStatuses.includes('failed');
  const failedCount = facets.data ? (failedSelected ? facets.data.counts.failed : 0) : undefined;
  const hasFilters = filters !== '';
  const page = list.data;
  const invalid = list.error instanceof ApiError && list.error.status === 400 ? list.error : null;

  const toggleStatus = (status: RunStatus) => {
    const next = selectedStatuses.includes(status)
      ? selectedStatuses.filter((s) => s !== status)
      : [...selectedStatuses, status];
    navigate(changeRunSearch(search, { status: next.join(',') || null }));
  };
  const onSort = (column: RunSort) => {
    const nextDir =
      column === sort ? (dir === 'desc' ? 'asc' : 'desc') : DESCENDING_FIRST.has(column) ? 'desc' : 'asc';
    navigate(
      changeRunSearch(search, {
        sort: column === 'created' && nextDir === 'desc' ? null : column,
        dir: nextDir === 'desc' ? null : nextDir,
      }),
    );
  };

  return (
    <div className="stack">
      <PageHeader
        title="Runs"
        subtitle={facetSummary(facets.data, selectedStatuses)}
        actions={
          viewer.canWrite ? (
            <BulkRetry
              failedCount={failedCount}
              failedCapped={failedSelected && (facets.data?.capped.includes('failed') ?? false)}
              filter={otherFilters}
              filterDescription={describeFilters(otherFilters)}
            />
          ) : null
        }
      />
      <section className="panel" aria-label="Runs">
        <StatusFacets
          selected={selectedStatuses}
          counts={facets.data?.counts}
          capped={facets.data?.capped}
          onToggle={toggleStatus}
        />
        <RunFiltersForm
          values={filterValues}
          pipelines={pipelines}
          canClear={hasFilters}
          onApply={(values) => navigate(changeRunSearch(search, values))}
          onClear={() =>
            navigate(
              changeRunSearch(search, {
                pipeline: null,
                status: null,
                state: null,
                createdAfter: null,
                createdBefore: null,
                q: null,
              }),
            )
          }
        />
        {invalid ? (
          <div className="panel-body">
            <div className="alert" role="alert">
              <div>
                <p>
                  <strong>These filters are not valid.</strong>
                </p>
                <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
                  {invalid.fields.map((field) => (
                    <li key={field.path}>
                      <code>{field.path}</code>: {field.message}
                    </li>
                  ))}
                </ul>
              </div>
            </div>
          </div>
        ) : list.error ? (
          <div className="panel-body">
            <p className="alert" role="alert">
              Could not load runs: {list.error.message}
            </p>
          </div>
        ) : !page ? (
          <div className="panel-body muted" role="status">
            Loading runs…
          </div>
        ) : page.runs.length === 0 ? (
          <EmptyRuns filtered={hasFilters} onClear={() => navigate('')} />
        ) : (
          <RunsTable runs={page.runs} caption="Runs matching the filters" sort={{ sort, dir, onSort }} />
        )}
        <nav className="panel-footer" aria-label="Pages">
          <span aria-live="polite">
            {page ? `${page.runs.length} ${page.runs.length === 1 ? 'run' : 'runs'} on this page` : ''}
            {list.isFetching && !list.isPending ? ' · refreshing…' : ''}
          </span>
          <div className="button-row">
            <label className="checkbox">
              Per page
              <select
                className="select"
                style={{ width: 70 }}
                value={limit}
                onChange={(event) =>
                  navigate(
                    changeRunSearch(search, {
                      limit: event.target.value === '50' ? null : event.target.value,
                    }),
                  )
                }
              >
                {PAGE_SIZES.map((size) => (
                  <option key={size} value={size}>
                    {size}
                  </option>
                ))}
              </select>
            </label>
            {current.has('cursor') && (
              <button
                type="button"
                className="btn btn-small"
                onClick={() => navigate(changeRunSearch(search, { cursor: null }))}
              >
                First page
              </button>
            )}
            <button
              type="button"
              className="btn btn-small"
              disabled={!page?.prevCursor}
              onClick={() =>
                page?.prevCursor && navigate(changeRunSearch(search, { cursor: page.prevCursor }))
              }
            >
              ← Previous
            </button>
            <button
              type="button"
              className="btn btn-small"
              disabled={!page?.nextCursor}
              onClick={() =>
                page?.nextCursor && navigate(changeRunSearch(search, { cursor: page.nextCursor }))
              }
            >
              Next →
            </button>
          </div>
        </nav>
      </section>
    </div>
  );
}

function EmptyRuns({ filtered, onClear }: { filtered: boolean; onClear: () => void }) {
  if (filtered) {
    return (
      <div className="empty">
        <h2>No runs match these filters</h2>
        <p>Loosen a filter, or clear them all to see every run.</p>
        <button type="button" className="btn" onClick={onClear}>
          Clear filters
        </button>
      </div>
    );
  }
  return (
    <div className="empty">
      <h2>No runs yet</h2>
      <p>
        Start one from a pipeline's page (<Link href="/pipelines">Pipelines</Link> → Start run), or from a
        terminal:
      </p>
      <pre className="code">{`npm run signalbox -- run hello-etl --input '{"source":"demo.csv"}'`}</pre>
      <p className="faint">
        A worker moves runs along: <code>npm start</code> runs one.
      </p>
    </div>
  );
}
