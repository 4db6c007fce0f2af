'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { apiRoutes } from '../../contracts/api-routes';
import type { PipelineView } from '../../contracts/pipelines';
import { COUNT_CAP, type RunListPage } from '../../contracts/runs';
import { callApi } from '../api/api-client';
import { queryKeys } from '../api/query-keys';
import { useViewer } from '../auth/viewer-context';
import { PauseControl } from '../controls/pause-control';
import { UploadFileForm } from '../ingest/upload-file-form';
import { RunsTable } from '../runs/runs-table';
import { cappedCountTitle, formatCount } from '../ui/format-count';
import { formatDuration } from '../ui/format-duration';
import { PageHeader } from '../ui/page-header';
import { PipelineDiagram } from './pipeline-diagram';
import { StartRunForm } from './start-run-form';
import { StateCountsTable } from './state-counts-table';

export interface PipelineScreenProps {
  pipeline: PipelineView;
  recentSearch: string;
  recent: RunListPage;
  /** Set for pipelines that ingest files: an upload form replaces Start run. */
  upload?: { maxBytes: number } | null;
}

/** A pipeline: live diagram with counts, runs per state, recent runs, steps, schedule, Start run. */
export function PipelineScreen({
  pipeline: initial,
  recentSearch,
  recent: initialRecent,
  upload,
}: PipelineScreenProps) {
  const viewer = useViewer();
  const { data: pipeline } = useQuery({
    queryKey: queryKeys.pipeline(initial.id),
    queryFn: async () => (await callApi(apiRoutes.getPipeline, { params: { id: initial.id } })).pipeline,
    initialData: initial,
  });
  const { data: recent } = useQuery({
    queryKey: queryKeys.runList(recentSearch),
    queryFn: () => callApi(apiRoutes.listRuns, { query: new URLSearchParams(recentSearch) }),
    initialData: initialRecent,
  });
  const active = pipeline.counts.queued + pipeline.counts.running + pipeline.counts.waiting;
  const activeCapped = (['queued', 'running', 'waiting'] as const).some((s) => pipeline.capped.includes(s));
  const failedCapped = pipeline.capped.includes('failed');

  return (
    <div className="stack">
      <PageHeader
        breadcrumbs={
          <ol>
            <li>
              <Link href="/pipelines">Pipelines</Link>
            </li>
          </ol>
        }
        title={pipeline.title}
        subtitle={
          <>
            <code>{pipeline.id}</code> v{pipeline.version} · {pipeline.description}
          </>
        }
        actions={
          <>
            <Link
              className="btn"
              href={`/runs?pipeline=${pipeline.id}&status=queued,running,waiting`}
              title={activeCapped ? cappedCountTitle(COUNT_CAP) : undefined}
            >
              {formatCount(active, activeCapped)} active
            </Link>
            <Link
              className={pipeline.counts.failed ? 'btn btn-danger' : 'btn'}
              href={`/runs?pipeline=${pipeline.id}&status=failed`}
              title={failedCapped ? cappedCountTitle(COUNT_CAP) : undefined}
            >
              {formatCount(pipeline.counts.failed, failedCapped)} failed
            </Link>
            <Link className="btn" href={`/runs?pipeline=${pipeline.id}`}>
              All runs
            </Link>
          </>
        }
      />
      <PauseControl pipelineId={pipeline.id} />
      <section className="panel" aria-labelledby="pipeline-diagram">
        <div className="panel-header">
          <h2 id="pipeline-diagram">State diagram</h2>
          <span className="meta">live</span>
        </div>
        <div className="panel-body">
          <PipelineDiagram pipelineId={pipeline.id} diagrams={pipeline.diagrams} />
        </div>
      </section>
      <div className="grid-main-aside">
        <div className="stack">
          <section className="panel" aria-labelledby="pipeline-states">
            <div className="panel-header">
              <h2 id="pipeline-states">Runs by state</h2>
              <span className="meta">all versions</span>
            </div>
            <div className="panel-body flush">
              <StateCountsTable pipelineId={pipeline.id} rows={pipeline.stateCounts} />
            </div>
          </section>
          <section className="panel" aria-labelledby="pipeline-recent">
            <div className="panel-header">
              <h2 id="pipeline-recent">Recent runs</h2>
              <Link href={`/runs?pipeline=${pipeline.id}`} className="meta">
                All runs of {pipeline.id} →
              </Link>
            </div>
            <div className="panel-body flush">
              {recent.runs.length ? (
                <RunsTable
                  runs={recent.runs}
                  caption={`Recent runs of ${pipeline.id}`}
                  showPipeline={false}
                  compact
                />
              ) : (
                <p className="empty">
                  {upload
                    ? 'No runs yet: upload a file with the form, or drop one into the inbox.'
                    : 'No runs yet: start one with the form.'}
                </p>
              )}
            </div>
          </section>
        </div>
        <div className="stack">
          {!viewer.canWrite ? (
            <p className="panel panel-body muted">Your role ({viewer.role}) may look, not start runs.</p>
          ) : upload ? (
            <section className="panel" aria-labelledby="pipeline-upload">
              <div className="panel-header">
                <h2 id="pipeline-upload">Upload file</h2>
                <span className="meta">starts a run on it</span>
              </div>
              <div className="panel-body">
                <UploadFileForm pipelineId={pipeline.id} maxBytes={upload.maxBytes} />
              </div>
            </section>
          ) : (
            <section className="panel" aria-labelledby="pipeline-start">
              <div className="panel-header">
                <h2 id="pipeline-start">Start run</h2>
                <span className="meta">input validated by the pipeline</span>
              </div>
              <div className="panel-body">
                <StartRunForm pipelineId={pipeline.id} inputSchema={pipeline.inputSchema} />
              </div>
            </section>
          )}
          <section className="panel" aria-labelledby="pipeline-steps">
            <div className="panel-header">
              <h2 id="pipeline-steps">Steps</h2>
            </div>
            <div className="panel-body flush">
              <ul className="attempts">
                {pipeline.steps.map((step) => (
                  <li key={step.name} className="attempt" style={{ gap: 2 }}>
                    <div className="actor-row">
                      <code>{step.name}</code>
                      <span className="muted nowrap">
                        {step.maxAttempts} {step.maxAttempts === 1 ? 'attempt' : 'attempts'} · timeout{' '}
                        {formatDuration(step.timeoutMs)}
                      </span>
                    </div>
                    <div className="actor-row faint">
                      <span className="truncate">in {step.states.join(', ')}</span>
                      <span className="nowrap">
                        backoff {formatDuration(step.backoff.initialMs)} →{' '}
                        {formatDuration(step.backoff.maxMs)}
                      </span>
                    </div>
                  </li>
                ))}
              </ul>
            </div>
          </section>
          <section className="panel" aria-labelledby="pipeline-schedule">
            <div className="panel-header">
              <h2 id="pipeline-schedule">Schedule</h2>
              <span className="meta">UTC</span>
            </div>
            <div className="panel-body">
              {pipeline.schedules.length ? (
                <ul className="stack" style={{ gap: 6, margin: 0, padding: 0, listStyle: 'none' }}>
                  {pipeline.schedules.map((schedule) => (
                    <li key={schedule.name}>
                      <span className="chip">{schedule.cron}</span> <strong>{schedule.name}</strong>
                      {schedule.backfillMs > 0 && (
                        <span className="faint"> · backfills {formatDuration(schedule.backfillMs)}</span>
                      )}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="muted">No schedule: runs start from this form, the API or the CLI.</p>
              )}
            </div>
          </section>
          {pipeline.operatorEvents.length > 0 && (
            <section className="panel" aria-labelledby="pipeline-events">
              <div className="panel-header">
                <h2 id="pipeline-events">Operator events</h2>
              </div>
              <div className="panel-body button-row">
                {pipeline.operatorEvents.map((event) => (
                  <span key={event} className="chip">
                    {event}
                  </span>
                ))}
              </div>
            </section>
          )}
        </div>
      </div>
    </div>
  );
}
