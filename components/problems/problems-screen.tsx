'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { apiRoutes } from '../../contracts/api-routes';
import { type ProblemList, SPARKLINE_HOURS } from '../../contracts/problems';
import { callApi } from '../api/api-client';
import { queryKeys } from '../api/query-keys';
import { PageHeader } from '../ui/page-header';
import { RelativeTime } from '../ui/relative-time';
import { ProblemStatusBadge } from './problem-status-badge';
import { Sparkline } from './sparkline';

const FILTERS = [
  { status: 'open', label: 'Open' },
  { status: 'new', label: 'New' },
  { status: 'acknowledged', label: 'Acknowledged' },
  { status: 'resolved', label: 'Resolved' },
  { status: 'ignored', label: 'Ignored' },
  { status: 'all', label: 'All' },
] as const;

const href = (status: string, page = 1) => `/problems?${new URLSearchParams({ status, page: String(page) })}`;

/** The failure inbox: failed runs grouped into problems, newest failure first. */
export function ProblemsScreen({
  status,
  page,
  initial,
}: {
  status: string;
  page: number;
  initial: ProblemList;
}) {
  const search = new URLSearchParams({ status, page: String(page) }).toString();
  const { data } = useQuery({
    queryKey: queryKeys.problemList(search),
    queryFn: () => callApi(apiRoutes.listProblems, { query: new URLSearchParams(search) }),
    initialData: initial,
  });
  return (
    <div className="stack">
      <PageHeader
        title="Problems"
        subtitle="Failed runs grouped by pipeline, failed state and error (numbers, ids and quoted values set aside)."
        actions={<span className="meta">{data.openCount} open</span>}
      />
      <nav aria-label="Problem status" className="button-row">
        {FILTERS.map((filter) => (
          <Link
            key={filter.status}
            href={href(filter.status)}
            className="btn btn-small"
            aria-current={filter.status === status ? 'page' : undefined}
            data-active={filter.status === status || undefined}
          >
            {filter.label}
          </Link>
        ))}
      </nav>
      <section className="panel" aria-label="Problems">
        <div className="panel-body flush">
          {data.problems.length === 0 ? (
            <p className="empty">
              {status === 'open'
                ? 'No open problems: every failure is triaged, or nothing failed.'
                : 'No problems with this status.'}
            </p>
          ) : (
            <div className="table-wrap">
              <table className="table">
                <caption className="visually-hidden">Problems</caption>
                <thead>
                  <tr>
                    <th scope="col">Status</th>
                    <th scope="col">Problem</th>
                    <th scope="col">Pipeline · state</th>
                    <th scope="col">Failures</th>
                    <th scope="col">Failed now</th>
                    <th scope="col">Last {SPARKLINE_HOURS} h</th>
                    <th scope="col">Last seen</th>
                    <th scope="col">First seen</th>
                  </tr>
                </thead>
                <tbody>
                  {data.problems.map((problem) => (
                    <tr key={problem.id}>
                      <td>
                        <ProblemStatusBadge status={problem.status} reopened={problem.reopenedAt !== null} />
                      </td>
                      <td style={{ maxWidth: 420 }}>
                        <Link href={`/problems/${problem.id}`}>
                          <strong>{problem.errorName}</strong>
                          {problem.signature ? (
                            <div className="problem-signature">
                              {problem.signature.replace(`${problem.errorName}: `, '')}
                            </div>
                          ) : (
                            <span className="faint"> in {problem.failedState}</span>
                          )}
                        </Link>
                      </td>
                      <td className="nowrap">
                        <Link href={`/pipelines/${problem.pipelineId}`}>{problem.pipelineId}</Link> ·{' '}
                        <span className="state">{problem.failedState}</span>
                        <div className="faint">{problem.versions.map((v) => `v${v}`).join(', ')}</div>
                      </td>
                      <td className="num">{problem.occurrences}</td>
                      <td className="num">{problem.failedRuns}</td>
                      <td>
                        <Sparkline counts={problem.sparkline} hours={SPARKLINE_HOURS} />
                      </td>
                      <td>
                        <RelativeTime iso={problem.lastSeenAt} />
                      </td>
                      <td>
                        <RelativeTime iso={problem.firstSeenAt} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      </section>
      {(page > 1 || data.hasMore) && (
        <nav aria-label="Pages" className="button-row">
          {page > 1 && (
            <Link className="btn btn-small" href={href(status, page - 1)}>
              ← Previous
            </Link>
          )}
          {data.hasMore && (
            <Link className="btn btn-small" href={href(status, page + 1)}>
              Next →
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
