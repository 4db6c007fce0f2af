'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { toast } from 'sonner';
import { apiRoutes } from '../../contracts/api-routes';
import { callApi } from '../api/api-client';
import { queryKeys } from '../api/query-keys';
import { formatCount } from '../ui/format-count';

/** How far a background bulk retry got, polled every second while a worker does it. */
export function BulkActionProgress({ id, onClose }: { id: string; onClose: () => void }) {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: queryKeys.bulkAction(id),
    queryFn: () => callApi(apiRoutes.getBulkAction, { params: { id } }),
    refetchInterval: (q) => (q.state.data?.bulkAction.status === 'running' ? 1_000 : false),
  });
  const action = query.data?.bulkAction;
  const status = action?.status;
  useEffect(() => {
    if (status === 'succeeded') {
      toast.success('Bulk retry done');
      void client.invalidateQueries({ queryKey: queryKeys.runs });
    } else if (status === 'failed') {
      toast.error('Bulk retry stopped', { description: 'See the bulk action’s error below' });
    }
  }, [status, client]);
  if (!action) {
    return (
      <p className="meta" role="status">
        {query.isError ? 'Could not read the bulk retry’s progress' : 'Starting the bulk retry…'}
      </p>
    );
  }
  const handled = action.done + action.refused;
  return (
    <div className="bulk-progress" role="status" aria-label="Bulk retry progress">
      <progress max={action.matched} value={handled} />
      <span className="meta">
        {action.status === 'running' ? 'Retrying' : action.status === 'succeeded' ? 'Retried' : 'Stopped at'}{' '}
        {formatCount(action.done)} of {formatCount(action.matched)} failed runs
        {action.refused > 0 && `, ${formatCount(action.refused)} refused`}
        {action.error && ` — ${action.error}`}
      </span>
      {action.status !== 'running' && (
        <button type="button" className="btn btn-small" onClick={onClose}>
          Dismiss
        </button>
      )}
    </div>
  );
}
