'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { apiRoutes } from '../../contracts/api-routes';
import { type ProblemView, SPARKLINE_HOURS } from '../../contracts/problems';
import { callApi } from '../api/api-client';
import { queryKeys } from '../api/query-keys';
import { useViewer } from '../auth/viewer-context';
import { DiagramLegend } from '../diagram/diagram-legend';
import { MermaidDiagram } from '../diagram/mermaid-diagram';
import { RunsTable } from '../runs/runs-table';
import { PageHeader } from '../ui/page-header';
import { RelativeTime } from '../ui/relative-time';
import { ProblemStatusBadge } from './problem-status-badge';
import { ProblemTriage } from './problem-triage';
import { Sparkline } from './sparkline';

/** One problem: what failed and how often, its triage, its newest runs, the diagram with the failing state. */
export function ProblemScreen({ initial }: { initial: ProblemView }) {
  const viewer = useViewer();
  const { data: problem } = useQuery({
    queryKey: queryKeys.problem(initial.id),
    queryFn: () => callApi(apiRoutes.getProblem, { params: { id: initial.id } }),
    initialData: initial,
  });
  const reopened = problem.status === 'new' && problem.reopenedAt !== null;
  return (
    <div className="stack">
      <PageHeader
        breadcrumbs={
          <ol>
            <li>
              <Link href="/problems">Problems</Link>
            </li>
          </ol>
        }
        title={
          <>
            {problem.errorName} in <span className="state">{problem.failedState}</span>
          </>
        }
        subtitle={
          <>
            <Link href={`/pipelines/${problem.pipelineId}`}>{problem.pipelineTitle}</Link> ·{' '}
            <ProblemStatusBadge status={problem.status} reopened={reopened} />
          </>
        }
        actions={viewer.canWrite ? <ProblemTriage problem={problem} /> : undefined}
      />
      {reopened && (
        <p className="pause-banner" role="status">
          <span className="pause-banner-text">
            <strong>Reopened</strong> <RelativeTime iso={problem.reopenedAt} />: it failed again after it was
            resolved{problem.reopenCount > 1 ? ` (reopened ${problem.reopenCount} times)` : ''}.
          </span>
        </p>
      )}
      <section className="panel" aria-labelledby="problem-facts">
        <div className="panel-header">
          <h2 id="problem-facts">What failed</h2>
        </div>
        <div className="panel-body">
          <dl className="facts">
            <dt>Signature</dt>
            <dd className="problem-signature">
              {problem.signature ?? (
                <span className="faint">hidden: error messages may quote payload data</span>
              )}
            </dd>
            {problem.sampleMessage !== null && (
              <>
                <dt>Newest message</dt>
                <dd className="error-text">{problem.sampleMessage}</dd>
              </>
            )}
            <dt>Failures</dt>
            <dd>
              {problem.occurrences} ({problem.failedRuns} runs failed now)
            </dd>
            <dt>Last {SPARKLINE_HOURS} h</dt>
            <dd>
              <Sparkline counts={problem.sparkline} hours={SPARKLINE_HOURS} />
            </dd>
            <dt>First seen</dt>
            <dd>
              <RelativeTime iso={problem.firstSeenAt} />
            </dd>
            <dt>Last seen</dt>
            <dd>
              <RelativeTime iso={problem.lastSeenAt} />
            </dd>
            <dt>Pipeline versions</dt>
            <dd>{problem.versions.map((v) => `v${v}`).join(', ')}</dd>
            <dt>Triage</dt>
            <dd>
              {problem.triagedBy ? (
                <>
                  {problem.status === 'new' && reopened ? 'was resolved' : problem.status} by{' '}
                  {problem.triagedBy} <RelativeTime iso={problem.triagedAt} />
                  {problem.triageNote && <> · “{problem.triageNote}”</>}
                </>
              ) : (
                <span className="faint">not triaged yet</span>
              )}
            </dd>
          </dl>
        </div>
      </section>
      <section className="panel" aria-labelledby="problem-runs">
        <div className="panel-header">
          <h2 id="problem-runs">Newest runs</h2>
          <Link className="meta" href={`/runs?pipeline=${problem.pipelineId}&status=failed`}>
            Failed runs of {problem.pipelineId} →
          </Link>
        </div>
        <div className="panel-body flush">
          <RunsTable runs={problem.sampleRuns} caption="Newest runs of this problem" compact />
        </div>
      </section>
      {problem.diagram && (
        <section className="panel" aria-labelledby="problem-diagram">
          <div className="panel-header">
            <h2 id="problem-diagram">Where it fails</h2>
            <DiagramLegend kinds={['failed']} />
          </div>
          <div className="panel-body">
            <MermaidDiagram
              source={problem.diagram}
              label={`State diagram of ${problem.pipelineId} with ${problem.failedState} marked failed`}
            />
          </div>
        </section>
      )}
    </div>
  );
}
