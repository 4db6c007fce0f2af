'use client';

import { useQuery } from '@tanstack/react-query';
import { apiRoutes } from '../../contracts/api-routes';
import type { PipelinePause } from '../../contracts/controls';
import { callApi } from '../api/api-client';
import { queryKeys } from '../api/query-keys';

/** The paused pipelines, kept fresh by live updates (their queued counts move with every run change). */
export function usePipelinePauses(initial?: PipelinePause[]) {
  return useQuery({
    queryKey: queryKeys.pipelinePauses,
    queryFn: async () => (await callApi(apiRoutes.listPipelinePauses)).paused,
    initialData: initial,
  });
}
