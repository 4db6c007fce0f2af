'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { toast } from 'sonner';
import { apiRoutes } from '../../contracts/api-routes';
import type { PipelinePause } from '../../contracts/controls';
import { callApi } from '../api/api-client';
import { useViewer } from '../auth/viewer-context';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { RelativeTime } from '../ui/relative-time';
import { usePipelinePauses } from './use-pipeline-pause';

/**
 * A pipeline's pause state: a banner while it is paused (by whom, since when, why, how many runs are
 * queued) with *Resume*, or a *Pause…* button. Both ask for a reason, which goes to the audit log.
 */
export function PauseControl({ pipelineId, initial }: { pipelineId: string; initial?: PipelinePause[] }) {
  const viewer = useViewer();
  const client = useQueryClient();
  const { data: pauses } = usePipelinePauses(initial);
  const pause = pauses?.find((p) => p.pipelineId === pipelineId);
  const [asking, setAsking] = useState<'pause' | 'resume' | null>(null);
  const act = useMutation({
    mutationFn: async ({ kind, reason }: { kind: 'pause' | 'resume'; reason: string }) => {
      if (kind === 'resume') {
        return callApi(apiRoutes.resumePipeline, { params: { id: pipelineId }, body: { reason } });
      }
      await callApi(apiRoutes.pausePipeline, { params: { id: pipelineId }, body: { reason } });
      return null;
    },
    onSuccess: (released, { kind }) => {
      setAsking(null);
      if (kind === 'pause') {
        toast.success(`${pipelineId} paused`, { description: 'New runs are queued; running steps finish.' });
      } else {
        toast.success(`${pipelineId} resumed`, {
          description: `${released?.releasedRuns ?? 0} queued runs released in order.`,
        });
      }
    },
    onError: (error, { kind }) => {
      toast.error(kind === 'pause' ? 'Pause failed' : 'Resume failed', { description: error.message });
      setAsking(null);
    },
    onSettled: () => client.invalidateQueries({ queryKey: ['pipelines'] }),
  });

  return (
    <>
      {pause ? (
        <section className="pause-banner" aria-label="Pipeline paused" data-testid="pause-banner">
          <div className="pause-banner-text">
            <strong>Paused</strong> by {pause.pausedBy} <RelativeTime iso={pause.pausedAt} /> · “
            {pause.reason}”
            <div className="queue-note">
              No new step starts; steps already running finish.{' '}
              <Link href={`/runs?pipeline=${pipelineId}&status=queued`}>
                {pause.queuedRuns} queued {pause.queuedRuns === 1 ? 'run' : 'runs'}
              </Link>{' '}
              start in order when it resumes.
            </div>
          </div>
          {viewer.canWrite && (
            <button type="button" className="btn btn-primary" onClick={() => setAsking('resume')}>
              Resume
            </button>
          )}
        </section>
      ) : (
        viewer.canWrite && (
          <div className="button-row">
            <button type="button" className="btn" onClick={() => setAsking('pause')}>
              Pause pipeline…
            </button>
          </div>
        )
      )}
      <ConfirmDialog
        open={asking !== null}
        title={asking === 'resume' ? `Resume ${pipelineId}?` : `Pause ${pipelineId}?`}
        confirmLabel={asking === 'resume' ? 'Resume' : 'Pause pipeline'}
        tone={asking === 'pause' ? 'danger' : 'default'}
        pending={act.isPending}
        onClose={() => {
          if (!act.isPending) setAsking(null);
        }}
        onConfirm={(data) => asking && act.mutate({ kind: asking, reason: String(data.get('reason') ?? '') })}
      >
        {asking === 'resume' ? (
          <p>
            The {pause?.queuedRuns ?? 0} queued runs and the steps held while it was paused start again, in
            the order they were queued.
          </p>
        ) : (
          <p>
            New runs are accepted but wait as <strong>queued</strong>; steps already running finish, and no
            new step of this pipeline starts until it is resumed. Cron ticks are skipped (or queued, per
            schedule).
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}
