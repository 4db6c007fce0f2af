import { apiRoutes } from '../../../../contracts/api-routes';
import { getPipelineView } from '../../../../core/pipeline-views/get-pipeline-view';
import { getEngine } from '../../../_lib/engine';
import { otherMethods } from '../../../_lib/http/method-not-allowed';
import { routeHandler } from '../../../_lib/http/route-handler';

export const dynamic = 'force-dynamic';

export const GET = routeHandler(
  apiRoutes.getPipeline,
  async ({ principal, params }) => ({
    pipeline: await getPipelineView(getEngine(), params.id, principal),
  }),
  { shareIdenticalReads: true },
);

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
