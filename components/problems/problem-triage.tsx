'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { toast } from 'sonner';
import { apiRoutes } from '../../contracts/api-routes';
import type { ProblemStatus, ProblemView } from '../../contracts/problems';
import { callApi } from '../api/api-client';
import { ApiError } from '../api/api-error';
import { queryKeys } from '../api/query-keys';
import { ConfirmDialog } from '../ui/confirm-dialog';

const ACTIONS: { to: ProblemStatus; label: string; from: readonly ProblemStatus[]; what: string }[] = [
  { to: 'acknowledged', label: 'Acknowledge', from: ['new'], what: 'someone is on it' },
  {
    to: 'resolved',
    label: 'Resolve',
    from: ['new', 'acknowledged'],
    what: 'fixed: a new failure reopens it',
  },
  {
    to: 'ignored',
    label: 'Ignore',
    from: ['new', 'acknowledged'],
    what: 'expected: it stays out of the open list',
  },
  { to: 'new', label: 'Reopen', from: ['resolved', 'ignored'], what: 'back to the open list' },
];

/**
 * Triage buttons (each asks for a note, kept with who and when, and audited) and *Retry N failed
 * runs…*, which the server refuses when that number changed before the operator confirmed.
 */
export function ProblemTriage({ problem }: { problem: ProblemView }) {
  const client = useQueryClient();
  const [asking, setAsking] = useState<(typeof ACTIONS)[number] | 'retry' | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: queryKeys.problems });
  const triage = useMutation({
    mutationFn: (v: { status: ProblemStatus; note: string }) =>
      callApi(apiRoutes.triageProblem, { params: { id: problem.id }, body: v }),
    onSuccess: (result) => {
      toast.success(`Problem ${result.status}`);
      setAsking(null);
    },
    onError: (error) => {
      toast.error('Triage failed', { description: error.message });
      setAsking(null);
    },
    onSettled: refresh,
  });
  const retry = useMutation({
    mutationFn: (v: { reason: string; expectedCount: number }) =>
      callApi(apiRoutes.retryProblemRuns, { params: { id: problem.id }, body: v }),
    onSuccess: (result) => {
      toast.success(`Retried ${result.retried} of ${result.matched} failed runs`, {
        description: result.refused ? `${result.refused} refused` : undefined,
      });
      setAsking(null);
    },
    onError: (error) => {
      const conflict = error instanceof ApiError && error.status === 409;
      toast.error(conflict ? 'The failed runs changed before you confirmed' : 'Retry failed', {
        description: error.message,
      });
      setAsking(null);
    },
    onSettled: () => {
      void refresh();
      void client.invalidateQueries({ queryKey: queryKeys.runs });
    },
  });
  const action = asking !== null && asking !== 'retry' ? asking : null;
  return (
    <>
      <div className="button-row">
        {ACTIONS.filter((a) => a.from.includes(problem.status)).map((a) => (
          <button
            key={a.to}
            type="button"
            className={a.to === 'resolved' ? 'btn btn-primary' : 'btn'}
            onClick={() => setAsking(a)}
          >
            {a.label}…
          </button>
        ))}
        <button
          type="button"
          className="btn"
          disabled={problem.failedRuns === 0}
          title={problem.failedRuns === 0 ? 'No run of this problem is failed now' : undefined}
          onClick={() => setAsking('retry')}
        >
          {problem.failedRuns > 0 ? `Retry ${problem.failedRuns} failed…` : 'Retry failed runs'}
        </button>
      </div>
      <ConfirmDialog
        open={action !== null}
        title={action ? `${action.label} this problem?` : ''}
        confirmLabel={action?.label ?? ''}
        pending={triage.isPending}
        onClose={() => {
          if (!triage.isPending) setAsking(null);
        }}
        onConfirm={(data) =>
          action && triage.mutate({ status: action.to, note: String(data.get('reason') ?? '') })
        }
      >
        <p>
          {action?.label} <strong>{problem.errorName}</strong> in <strong>{problem.failedState}</strong> of{' '}
          {problem.pipelineId}: {action?.what}. Your note is kept with the problem and in the audit log.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={asking === 'retry'}
        title={`Retry ${problem.failedRuns} failed ${problem.failedRuns === 1 ? 'run' : 'runs'}?`}
        confirmLabel={`Retry ${problem.failedRuns} ${problem.failedRuns === 1 ? 'run' : 'runs'}`}
        pending={retry.isPending}
        onClose={() => {
          if (!retry.isPending) setAsking(null);
        }}
        onConfirm={(data) =>
          retry.mutate({ reason: String(data.get('reason') ?? ''), expectedCount: problem.failedRuns })
        }
      >
        <p>
          This retries the <strong>{problem.failedRuns}</strong> runs of this problem that are failed now,
          each from the state whose step failed. If that number changes before you confirm, nothing is
          retried.
        </p>
      </ConfirmDialog>
    </>
  );
}
