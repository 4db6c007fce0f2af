'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { toast } from 'sonner';
import { apiRoutes } from '../../contracts/api-routes';
import { callApi } from '../api/api-client';
import { ApiError } from '../api/api-error';
import { queryKeys } from '../api/query-keys';
import { ConfirmDialog } from '../ui/confirm-dialog';

/**
 * "Retry all failed runs matching this filter": the confirmation states how many, and the server
 * refuses (409) if that number changed before the operator confirmed.
 */
export function BulkRetry({
  failedCount,
  filter,
  filterDescription,
}: {
  failedCount: number | undefined;
  filter: Record<string, string>;
  filterDescription: string;
}) {
  const client = useQueryClient();
  const [confirming, setConfirming] = useState<number | null>(null);
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
    onError: (error) => {
      const conflict = error instanceof ApiError && error.status === 409;
      toast.error(conflict ? 'The failed runs changed before you confirmed' : 'Bulk retry failed', {
        description: error.message,
      });
      if (conflict) setConfirming(null);
    },
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.runs }),
  });

  const count = failedCount ?? 0;
  return (
    <>
      <button
        type="button"
        className="btn"
        disabled={count === 0}
        onClick={() => setConfirming(count)}
        title={count === 0 ? 'No failed runs match these filters' : undefined}
      >
        {count > 0 ? `Retry ${count} failed…` : 'Retry failed runs'}
      </button>
      <ConfirmDialog
        open={confirming !== null}
        title={`Retry ${confirming ?? count} failed ${confirming === 1 ? 'run' : 'runs'}?`}
        confirmLabel={`Retry ${confirming ?? count} ${confirming === 1 ? 'run' : 'runs'}`}
        pending={retry.isPending}
        onClose={() => {
          if (!retry.isPending) setConfirming(null);
        }}
        onConfirm={(data) =>
          retry.mutate({ reason: String(data.get('reason') ?? ''), expectedCount: confirming ?? count })
        }
      >
        <p>
          This retries <strong>{confirming ?? count}</strong> failed {confirming === 1 ? 'run' : 'runs'}{' '}
          matching <strong>{filterDescription}</strong>, each from the state whose step failed. If the number
          of failed runs changes before you confirm, nothing is retried.
        </p>
      </ConfirmDialog>
    </>
  );
}
