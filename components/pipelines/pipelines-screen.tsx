'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { apiRoutes } from '../../contracts/api-routes';
import type { PipelineSummary } from '../../contracts/pipelines';
import type { RunStatus } from '../../contracts/run-page';
import { SUMMARY_COUNT_CAP } from '../../contracts/runs';
import { callApi } from '../api/api-client';
import { queryKeys } from '../api/query-keys';
import { usePipelinePauses } from '../controls/use-pipeline-pause';
import { cappedCountTitle, formatCount } from '../ui/format-count';
import { PageHeader } from '../ui/page-header';
import { RelativeTime } from '../ui/relative-time';
import { StatusBar } from './status-bar';

/** Every pipeline with its runs: active ones, failures, and a bar of all statuses. */
export function PipelinesScreen({ initial }: { initial: PipelineSummary[] }) {
  const { data: pipelines } = useQuery({
    queryKey: queryKeys.pipelines,
    queryFn: async () => (await callApi(apiRoutes.listPipelines)).pipelines,
    initialData: initial,
  });
  const { data: pauses } = usePipelinePauses();
  const paused = new Map((pauses ?? []).map((p) => [p.pipelineId, p]));
  return (
    <div className="stack">
      <PageHeader title="Pipelines" subtitle={`${pipelines.length} pipelines registered in this console`} />
      <section className="panel" aria-label="Pipelines">
        {pipelines.length === 0 ? (
          <div className="empty">
            <h2>No pipelines registered</h2>
            <p>
              Add a pipeline to <code>pipelines/all-pipelines.ts</code> and restart the console.
            </p>
          </div>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Pipelines</caption>
              <thead>
                <tr>
                  <th scope="col">Pipeline</th>
                  <th scope="col" className="num">
                    Version
                  </th>
                  <th scope="col" className="num">
                    Steps
                  </th>
                  <th scope="col">Schedule</th>
                  <th scope="col" className="num">
                    Active
                  </th>
                  <th scope="col" className="num">
                    Failed
                  </th>
                  <th scope="col" className="num">
                    Runs
                  </th>
                  <th scope="col">By status</th>
                  <th scope="col">Last activity</th>
                </tr>
              </thead>
              <tbody>
                {pipelines.map((pipeline) => {
                  const active = pipeline.counts.queued + pipeline.counts.running + pipeline.counts.waiting;
                  const pause = paused.get(pipeline.id);
                  const capped = (...statuses: RunStatus[]) =>
                    statuses.some((s) => pipeline.capped.includes(s));
                  const title = (...statuses: RunStatus[]) =>
                    capped(...statuses) ? cappedCountTitle(SUMMARY_COUNT_CAP) : undefined;
                  return (
                    <tr key={pipeline.id}>
                      <td>
                        <Link href={`/pipelines/${pipeline.id}`}>
                          <strong>{pipeline.title}</strong>
                        </Link>
                        <div className="faint mono">{pipeline.id}</div>
                        {pause && (
                          <span
                            className="badge"
                            data-tone="queued"
                            title={`paused by ${pause.pausedBy}: ${pause.reason}`}
                          >
                            <span className="badge-dot" aria-hidden="true" />
                            paused
                          </span>
                        )}
                      </td>
                      <td className="num">v{pipeline.version}</td>
                      <td className="num">{pipeline.steps}</td>
                      <td>
                        {pipeline.schedules.length ? (
                          pipeline.schedules.map((s) => (
                            <span key={s.name} className="chip" title={`${s.name} (UTC)`}>
                              {s.cron}
                            </span>
                          ))
                        ) : (
                          <span className="faint">manual</span>
                        )}
                      </td>
                      <td className="num">
                        <Link
                          href={`/runs?pipeline=${pipeline.id}&status=queued,running,waiting`}
                          title={title('queued', 'running', 'waiting')}
                        >
                          {formatCount(active, capped('queued', 'running', 'waiting'))}
                        </Link>
                      </td>
                      <td className="num">
                        <Link
                          href={`/runs?pipeline=${pipeline.id}&status=failed`}
                          className={pipeline.counts.failed ? 'error-text' : undefined}
                          title={title('failed')}
                        >
                          {formatCount(pipeline.counts.failed, capped('failed'))}
                        </Link>
                      </td>
                      <td className="num">
                        <Link href={`/runs?pipeline=${pipeline.id}`} title={title(...pipeline.capped)}>
                          {formatCount(pipeline.total, pipeline.capped.length > 0)}
                        </Link>
                      </td>
                      <td style={{ width: 160 }}>
                        <StatusBar counts={pipeline.counts} />
                      </td>
                      <td>
                        <RelativeTime iso={pipeline.lastActivityAt} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
