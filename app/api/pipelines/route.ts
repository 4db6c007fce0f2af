import { apiRoutes } from '../../../contracts/api-routes';
import { listPipelineSummaries } from '../../../core/pipeline-views/list-pipeline-summaries';
import { getEngine } from '../../_lib/engine';
import { otherMethods } from '../../_lib/http/method-not-allowed';
import { routeHandler } from '../../_lib/http/route-handler';

export const dynamic = 'force-dynamic';

export const GET = routeHandler(
  apiRoutes.listPipelines,
  async ({ principal }) => ({
    pipelines: await listPipelineSummaries(getEngine(), principal),
  }),
  { shareIdenticalReads: true },
);

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
