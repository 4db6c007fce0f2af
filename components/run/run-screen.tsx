'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { apiRoutes } from '../../contracts/api-routes';
import type { IngestSummary, QuarantineView } from '../../contracts/ingest';
import type { RunPage } from '../../contracts/run-page';
import { callApi } from '../api/api-client';
import { ApiError } from '../api/api-error';
import { queryKeys } from '../api/query-keys';
import { useViewer } from '../auth/viewer-context';
import { IngestSummaryPanel } from '../ingest/ingest-summary-panel';
import { QuarantinePanel } from '../ingest/quarantine-panel';
import { formatDuration } from '../ui/format-duration';
import { JsonDetails } from '../ui/json-details';
import { PageHeader } from '../ui/page-header';
import { RelativeTime } from '../ui/relative-time';
import { RunId } from '../ui/run-id';
import { StatusBadge } from '../ui/status-badge';
import { ForkDialog } from './fork-dialog';
import { RunActions } from './run-actions';
import { RunDiagram } from './run-diagram';
import { RunLineage } from './run-lineage';
import { RunTimers } from './run-timers';
import { StepAttempts } from './step-attempts';
import { TransitionTimeline } from './transition-timeline';

export interface RunScreenProps {
  /** The run; the server hydrates its page query (`queryKeys.runPage`) with the first read. */
  runId: string;
  /** Set for ingestion runs (a file in their input): counts and the first page of the quarantine. */
  ingest?: { summary: IngestSummary; quarantine: QuarantineView } | null;
}

/**
 * The run page's one query: live notices for this run (a transition, an attempt started or ended)
 * invalidate it. The server hydrates it with its own read, so mounting fetches nothing.
 */
export function useRunPage(id: string) {
  return useQuery({
    queryKey: queryKeys.runPage(id),
    queryFn: (): Promise<RunPage> => callApi(apiRoutes.getRunPage, { params: { id } }),
  });
}

function errorMessage(error: unknown): string | null {
  if (!error || typeof error !== 'object') return null;
  const { message } = error as { message?: unknown };
  return typeof message === 'string' ? message : null;
}

/** One run, live: facts, actions, diagram, transitions, step attempts, input and context. */
export function RunScreen({ runId: id, ingest }: RunScreenProps) {
  const pageQuery = useRunPage(id);
  const viewer = useViewer();
  const [forking, setForking] = useState(false);
  const [forkFrom, setForkFrom] = useState<`v:${number}` | undefined>(undefined);
  // Hydrated by the server: only missing if the page was rendered without it.
  if (!pageQuery.data) return null;
  const { run, transitions, attempts } = pageQuery.data;
  const gone = pageQuery.error instanceof ApiError && pageQuery.error.status === 404;
  const failure = run.status === 'failed' ? errorMessage(run.error) : null;
  const end = run.finishedAt ? Date.parse(run.finishedAt) : null;

  return (
    <div className="stack">
      <PageHeader
        breadcrumbs={
          <ol>
            <li>
              <Link href="/runs">Runs</Link>
            </li>
            <li>
              <Link href={`/runs?pipeline=${run.pipelineId}`}>{run.pipelineId}</Link>
            </li>
          </ol>
        }
        title={
          <>
            Run <code style={{ fontSize: 17 }}>{run.id.slice(0, 8)}</code>
          </>
        }
        subtitle={
          <span className="button-row" style={{ gap: 8 }}>
            <StatusBadge status={run.status} />
            {run.queue && (
              <span className="queue-note" title={run.queue.reason}>
                #{run.queue.position} of {run.queue.of} · {run.queue.reason}
              </span>
            )}
            <span>
              in <span className="state">{run.state}</span>
            </span>
            <span className="faint">·</span>
            <Link href={`/pipelines/${run.pipelineId}`}>{run.pipelineTitle ?? run.pipelineId}</Link>
            <span className="faint">v{run.pipelineVersion}</span>
          </span>
        }
        actions={<RunId id={run.id} link={false} />}
      />

      {gone && (
        <p className="alert" role="alert">
          This run no longer exists.
        </p>
      )}
      {run.definitionError && (
        <div className="alert alert-warning" role="alert">
          <p>
            <strong>The run's definition is missing or changed:</strong> {run.definitionError}
          </p>
        </div>
      )}
      {failure && (
        <div className="alert" role="alert">
          <p>
            <strong>Failed</strong>
            {run.failedState && (
              <>
                {' '}
                in <span className="state">{run.failedState}</span>
              </>
            )}
            : {failure}
          </p>
        </div>
      )}

      {viewer.canWrite && <RunActions run={run} />}
      {viewer.canWrite && !run.payloadHidden && (
        <div className="button-row">
          <button
            type="button"
            className="btn"
            onClick={() => {
              setForkFrom(undefined);
              setForking(true);
            }}
          >
            Fork…
          </button>
          <span className="faint" style={{ fontSize: 12 }}>
            Start a new run from any point of this one, with its context there or an edited one
          </span>
          <ForkDialog
            run={run}
            transitions={transitions}
            open={forking}
            initialPoint={forkFrom}
            onClose={() => setForking(false)}
          />
        </div>
      )}
      <RunTimers run={run} canWrite={viewer.canWrite} />
      <RunLineage run={run} />

      {ingest && (
        <IngestSummaryPanel runId={id} runStatus={run.status} runState={run.state} initial={ingest.summary} />
      )}

      <section className="panel" aria-labelledby="run-diagram">
        <div className="panel-header">
          <h2 id="run-diagram">State diagram</h2>
          <span className="meta">live</span>
        </div>
        <div className="panel-body">
          {run.diagram ? (
            <RunDiagram
              source={run.diagram}
              ids={run.diagramIds}
              highlight={run.highlight}
              pipelineId={run.pipelineId}
              runId={run.id}
              transitions={transitions}
            />
          ) : (
            <p className="muted">
              No diagram: pipeline {run.pipelineId} v{run.pipelineVersion} is not registered in this console.
            </p>
          )}
        </div>
      </section>

      <div className="grid-main-aside">
        <div className="stack">
          {ingest && <QuarantinePanel runId={id} runStatus={run.status} initial={ingest.quarantine} />}
          <section className="panel" aria-labelledby="run-transitions">
            <div className="panel-header">
              <h2 id="run-transitions">Transitions</h2>
              <span className="meta">{transitions.length}</span>
            </div>
            <div className="panel-body flush">
              <TransitionTimeline
                transitions={transitions}
                onFork={
                  viewer.canWrite && !run.payloadHidden
                    ? (version) => {
                        setForkFrom(`v:${version}`);
                        setForking(true);
                      }
                    : undefined
                }
              />
            </div>
          </section>
          <section className="panel" aria-labelledby="run-attempts">
            <div className="panel-header">
              <h2 id="run-attempts">Step attempts</h2>
              <span className="meta">{attempts.length}</span>
            </div>
            <div className="panel-body flush">
              <StepAttempts attempts={attempts} />
            </div>
          </section>
        </div>
        <div className="stack">
          <section className="panel" aria-labelledby="run-facts">
            <div className="panel-header">
              <h2 id="run-facts">Details</h2>
              <span className="meta">version {run.version}</span>
            </div>
            <dl className="facts panel-body">
              <dt>Status</dt>
              <dd>
                <StatusBadge status={run.status} />
              </dd>
              <dt>State</dt>
              <dd className="state">{run.state}</dd>
              <dt>Run id</dt>
              <dd>
                <code title={run.id}>{run.id}</code>
              </dd>
              <dt>Pipeline</dt>
              <dd>
                <Link href={`/pipelines/${run.pipelineId}`}>{run.pipelineId}</Link> v{run.pipelineVersion}
              </dd>
              <dt>Idempotency key</dt>
              <dd className="mono" title={run.idempotencyKey ?? undefined}>
                {run.idempotencyKey ?? <span className="faint">—</span>}
              </dd>
              <dt>Created</dt>
              <dd>
                <RelativeTime iso={run.createdAt} />
              </dd>
              <dt>Updated</dt>
              <dd>
                <RelativeTime iso={run.updatedAt} />
              </dd>
              <dt>Finished</dt>
              <dd>
                <RelativeTime iso={run.finishedAt} />
              </dd>
              <dt>Duration</dt>
              <dd>
                {end ? (
                  formatDuration(end - Date.parse(run.createdAt))
                ) : (
                  <span className="faint">not finished</span>
                )}
              </dd>
            </dl>
          </section>
          <section className="panel" aria-labelledby="run-data">
            <div className="panel-header">
              <h2 id="run-data">Data</h2>
              <span className="meta">may hold sensitive data</span>
            </div>
            <div className="panel-body">
              {run.payloadHidden ? (
                <p className="muted">Input and context are hidden for your role.</p>
              ) : (
                <>
                  <JsonDetails label="Input" value={run.input} />
                  <JsonDetails label="Context" value={run.context} />
                </>
              )}
              {run.error !== null && run.error !== undefined && (
                <JsonDetails label="Error" value={run.error} />
              )}
            </div>
          </section>
        </div>
      </div>
    </div>
  );
}
