'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { apiRoutes } from '../../contracts/api-routes';
import type { Overview } from '../../contracts/pipelines';
import { SUMMARY_COUNT_CAP } from '../../contracts/runs';
import { callApi } from '../api/api-client';
import { queryKeys } from '../api/query-keys';
import { StatusBar } from '../pipelines/status-bar';
import { RunsTable } from '../runs/runs-table';
import { cappedCountTitle, formatCount } from '../ui/format-count';
import { PageHeader } from '../ui/page-header';
import { RelativeTime } from '../ui/relative-time';
import { RUN_STATUS_ORDER } from '../ui/run-statuses';
import { AttentionPanel } from './attention-panel';

const runsLink = (params: Record<string, string>) => `/runs?${new URLSearchParams(params).toString()}`;

/** Runs by status over the last 24 h, what is active, what failed, each pipeline's health, the workers. */
export function OverviewScreen({ initial }: { initial: Overview }) {
  const { data: overview } = useQuery({
    queryKey: queryKeys.overview,
    queryFn: async () => (await callApi(apiRoutes.getOverview)).overview,
    initialData: initial,
  });
  const since = overview.since;
  const activeTotal = overview.active.counts.running + overview.active.counts.waiting;
  const aliveWorkers = overview.workers.filter((worker) => worker.alive).length;

  return (
    <div className="stack">
      <PageHeader
        title="Overview"
        subtitle="Runs created in the last 24 hours, and everything still active, whenever it started."
      />

      <section aria-labelledby="overview-status">
        <h2 id="overview-status" className="visually-hidden">
          Runs by status, last 24 hours
        </h2>
        <div className="stat-grid">
          <Link className="stat" data-tone="total" href={runsLink({ createdAfter: since })}>
            <span className="stat-label">All runs · 24 h</span>
            <span className="stat-value">{overview.total}</span>
          </Link>
          {RUN_STATUS_ORDER.map((status) => (
            <Link
              key={status}
              className="stat"
              data-tone={status}
              href={runsLink({ status, createdAfter: since })}
            >
              <span className="stat-label">{status}</span>
              <span className="stat-value">{overview.counts[status]}</span>
            </Link>
          ))}
        </div>
      </section>

      <AttentionPanel />

      <div className="stack">
        <section className="panel" aria-labelledby="overview-active">
          <div className="panel-header">
            <h2 id="overview-active">Active runs</h2>
            <Link
              className="meta"
              href={runsLink({ status: 'running,waiting' })}
              title={overview.active.capped.length ? cappedCountTitle(SUMMARY_COUNT_CAP) : undefined}
            >
              {formatCount(overview.active.counts.running, overview.active.capped.includes('running'))}{' '}
              running ·{' '}
              {formatCount(overview.active.counts.waiting, overview.active.capped.includes('waiting'))}{' '}
              waiting →
            </Link>
          </div>
          <div className="panel-body flush">
            {overview.active.runs.length ? (
              <RunsTable runs={overview.active.runs} caption="Active runs, most recently changed first" />
            ) : (
              <p className="empty">Nothing is running or waiting.</p>
            )}
          </div>
          {activeTotal > overview.active.runs.length && (
            <div className="panel-footer">
              <span>
                Showing {overview.active.runs.length} of {activeTotal}
              </span>
              <Link href={runsLink({ status: 'running,waiting' })}>All active runs →</Link>
            </div>
          )}
        </section>
        <section className="panel" aria-labelledby="overview-failures">
          <div className="panel-header">
            <h2 id="overview-failures">Recent failures</h2>
            <Link className="meta" href={runsLink({ status: 'failed' })}>
              All failed runs →
            </Link>
          </div>
          <div className="panel-body flush">
            {overview.recentFailures.length ? (
              <RunsTable
                runs={overview.recentFailures}
                caption="Failed runs, most recent first"
                compact
                showError
              />
            ) : (
              <p className="empty">No failed runs. </p>
            )}
          </div>
        </section>
      </div>

      <div className="grid-main-aside">
        <section className="panel" aria-labelledby="overview-pipelines">
          <div className="panel-header">
            <h2 id="overview-pipelines">Pipeline health</h2>
            <span className="meta">last 24 h</span>
          </div>
          <div className="panel-body flush table-wrap">
            <table className="table">
              <caption className="visually-hidden">Pipeline health over the last 24 hours</caption>
              <thead>
                <tr>
                  <th scope="col">Pipeline</th>
                  <th scope="col" className="num">
                    Runs
                  </th>
                  <th scope="col" className="num">
                    Active
                  </th>
                  <th scope="col" className="num">
                    Failed
                  </th>
                  <th scope="col" className="num">
                    Failure rate
                  </th>
                  <th scope="col">By status</th>
                  <th scope="col">Last failure</th>
                </tr>
              </thead>
              <tbody>
                {overview.pipelines.map((pipeline) => (
                  <tr key={pipeline.id}>
                    <td>
                      <Link href={`/pipelines/${pipeline.id}`}>{pipeline.title}</Link>
                      <div className="faint mono">{pipeline.id}</div>
                    </td>
                    <td className="num">
                      <Link href={runsLink({ pipeline: pipeline.id, createdAfter: since })}>
                        {pipeline.total}
                      </Link>
                    </td>
                    <td className="num">
                      <Link
                        href={runsLink({
                          pipeline: pipeline.id,
                          status: 'running,waiting',
                          createdAfter: since,
                        })}
                      >
                        {pipeline.counts.running + pipeline.counts.waiting}
                      </Link>
                    </td>
                    <td className="num">
                      <Link
                        href={runsLink({ pipeline: pipeline.id, status: 'failed', createdAfter: since })}
                        className={pipeline.counts.failed ? 'error-text' : undefined}
                      >
                        {pipeline.counts.failed}
                      </Link>
                    </td>
                    <td className="num">
                      {pipeline.failureRate === null ? (
                        <span className="faint">—</span>
                      ) : (
                        `${Math.round(pipeline.failureRate * 100)} %`
                      )}
                    </td>
                    <td style={{ width: 140 }}>
                      <StatusBar counts={pipeline.counts} />
                    </td>
                    <td>
                      <RelativeTime iso={pipeline.lastFailureAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
        <section className="panel" aria-labelledby="overview-workers">
          <div className="panel-header">
            <h2 id="overview-workers">Workers</h2>
            <span className="meta">
              {aliveWorkers} alive
              {overview.workers.length > aliveWorkers
                ? `, ${overview.workers.length - aliveWorkers} silent`
                : ''}
            </span>
          </div>
          <div className="panel-body">
            {overview.workers.length === 0 ? (
              <div className="alert alert-warning" role="status">
                <p>
                  No worker is running: runs will not move. Start one with <code>npm start</code> or{' '}
                  <code>npm run signalbox -- worker</code>.
                </p>
              </div>
            ) : (
              <ul className="stack" style={{ gap: 8, margin: 0, padding: 0, listStyle: 'none' }}>
                {overview.workers.map((worker) => (
                  <li key={worker.workerId} className="actor-row">
                    <span className="truncate" title={worker.workerId}>
                      <span className="badge" data-tone={worker.alive ? 'succeeded' : 'failed'}>
                        <span className="badge-dot" aria-hidden="true" />
                        {worker.alive ? 'alive' : 'silent'}
                      </span>{' '}
                      <code>
                        {worker.hostname}:{worker.pid}
                      </code>
                    </span>
                    <span className="faint nowrap">
                      ×{worker.concurrency} · <RelativeTime iso={worker.lastSeenAt} />
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </section>
      </div>
    </div>
  );
}
