'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { toast } from 'sonner';
import { apiRoutes } from '../../contracts/api-routes';
import { MAX_BACKGROUND_RETRY } from '../../contracts/bulk-actions';
import { MAX_BULK_RETRY } from '../../contracts/run-requests';
import { callApi } from '../api/api-client';
import { ApiError } from '../api/api-error';
import { queryKeys } from '../api/query-keys';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { formatCount } from '../ui/format-count';
import { BulkActionProgress } from './bulk-action-progress';

/**
 * "Retry all failed runs matching this filter": the confirmation states how many, and the server
 * refuses (409) if that number changed before the operator confirmed. Up to `MAX_BULK_RETRY` runs
 * are retried in the request; more go to a worker in the background (counted exactly first), and
 * their progress shows here.
 */
export function BulkRetry({
  failedCount,
  failedCapped = false,
  filter,
  filterDescription,
}: {
  failedCount: number | undefined;
  /** The count stopped at the cap: more failed runs match than the count says. */
  failedCapped?: boolean;
  filter: Record<string, string>;
  filterDescription: string;
}) {
  const client = useQueryClient();
  const [confirming, setConfirming] = useState<number | null>(null);
  const [actionId, setActionId] = useState<string | null>(null);
  const count = failedCount ?? 0;
  const background = failedCapped || count > MAX_BULK_RETRY;
  const onError = (error: Error) => {
    const conflict = error instanceof ApiError && error.status === 409;
    toast.error(conflict ? 'The failed runs changed before you confirmed' : 'Bulk retry failed', {
      description: error.message,
    });
    if (conflict) setConfirming(null);
  };
  const retry = useMutation({
    mutationFn: (variables: { reason: string; expectedCount: number }) =>
      callApi(apiRoutes.retryFailedRuns, { body: { filter, ...variables } }),
    onSuccess: (result) => {
      const refused = result.refused
        ? `${result.refused} refused (${[...new Set(result.refusals.map((r) => r.code))].join(', ')})`
        : undefined;
      toast.success(`Retried ${result.retried} of ${result.matched} failed runs`, { description: refused });
      setConfirming(null);
    },
    onError,
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.runs }),
  });
  // Background: count exactly first (the list's count stops at a cap), then start.
  const preview = useMutation({
    mutationFn: () =>
      callApi(apiRoutes.retryFailedRunsInBackground, { body: { filter, expectedCount: 0, preview: true } }),
    onSuccess: (result) => setConfirming(result.matched),
    onError,
  });
  const start = useMutation({
    mutationFn: (variables: { reason: string; expectedCount: number }) =>
      callApi(apiRoutes.retryFailedRunsInBackground, { body: { filter, ...variables } }),
    onSuccess: (result) => {
      setConfirming(null);
      if (result.bulkAction) setActionId(result.bulkAction.id);
    },
    onError,
  });
  const pending = retry.isPending || start.isPending;

  return (
    <>
      <button
        type="button"
        className="btn"
        disabled={count === 0 || preview.isPending || (actionId !== null && background)}
        onClick={() => (background ? preview.mutate() : setConfirming(count))}
        title={
          count === 0
            ? 'No failed runs match these filters'
            : background
              ? `More than ${formatCount(MAX_BULK_RETRY)} failed runs match: a worker retries them in the background (up to ${formatCount(MAX_BACKGROUND_RETRY)})`
              : undefined
        }
      >
        {count > 0 ? `Retry ${formatCount(count, failedCapped)} failed…` : 'Retry failed runs'}
      </button>
      {actionId && <BulkActionProgress id={actionId} onClose={() => setActionId(null)} />}
      <ConfirmDialog
        open={confirming !== null}
        title={`Retry ${confirming ?? count} failed ${confirming === 1 ? 'run' : 'runs'}?`}
        confirmLabel={`Retry ${confirming ?? count} ${confirming === 1 ? 'run' : 'runs'}`}
        pending={pending}
        onClose={() => {
          if (!pending) setConfirming(null);
        }}
        onConfirm={(data) => {
          const variables = { reason: String(data.get('reason') ?? ''), expectedCount: confirming ?? count };
          if (background) start.mutate(variables);
          else retry.mutate(variables);
        }}
      >
        <p>
          This retries <strong>{confirming ?? count}</strong> failed {confirming === 1 ? 'run' : 'runs'}{' '}
          matching <strong>{filterDescription}</strong>, each from the state whose step failed. If the number
          of failed runs changes before you confirm, nothing is retried.
          {background && ' A worker retries them in the background; their progress shows here.'}
        </p>
      </ConfirmDialog>
    </>
  );
}
