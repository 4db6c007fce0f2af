'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { apiRoutes } from '../../contracts/api-routes';
import { callApi } from '../api/api-client';
import { queryKeys } from '../api/query-keys';
import { usePipelinePauses } from '../controls/use-pipeline-pause';
import { ProblemStatusBadge } from '../problems/problem-status-badge';
import { RelativeTime } from '../ui/relative-time';

const OPEN_SEARCH = 'status=open&page=1&limit=5';

/** What needs an operator: paused pipelines (by whom, since when) and the open problems. */
export function AttentionPanel() {
  const { data: pauses } = usePipelinePauses();
  const { data: problems } = useQuery({
    queryKey: queryKeys.problemList(OPEN_SEARCH),
    queryFn: () => callApi(apiRoutes.listProblems, { query: new URLSearchParams(OPEN_SEARCH) }),
  });
  return (
    <section className="panel" aria-labelledby="overview-attention">
      <div className="panel-header">
        <h2 id="overview-attention">Needs attention</h2>
        <Link className="meta" href="/problems">
          {problems ? `${problems.openCount} open problems →` : 'Problems →'}
        </Link>
      </div>
      <div className="panel-body">
        {pauses?.map((pause) => (
          <div key={pause.pipelineId} className="pause-banner">
            <span className="pause-banner-text">
              <Link href={`/pipelines/${pause.pipelineId}`}>{pause.pipelineId}</Link> <strong>paused</strong>{' '}
              by {pause.pausedBy} <RelativeTime iso={pause.pausedAt} /> · {pause.queuedRuns} queued
            </span>
          </div>
        ))}
        {problems === undefined ? (
          <p className="faint">Loading problems…</p>
        ) : problems.problems.length === 0 ? (
          <p className="empty">No open problems.</p>
        ) : (
          <ul className="plain-list">
            {problems.problems.map((problem) => (
              <li key={problem.id}>
                <ProblemStatusBadge status={problem.status} reopened={problem.reopenedAt !== null} />{' '}
                <Link href={`/problems/${problem.id}`}>
                  {problem.errorName} in {problem.failedState}
                </Link>{' '}
                <span className="faint">
                  · {problem.pipelineId} · {problem.failedRuns} failed now · last{' '}
                  <RelativeTime iso={problem.lastSeenAt} />
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
