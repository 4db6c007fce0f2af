import { apiRoutes } from '../../../contracts/api-routes';
import { listPipelinePauses } from '../../../core/controls/list-pipeline-pauses';
import { getEngine } from '../../_lib/engine';
import { otherMethods } from '../../_lib/http/method-not-allowed';
import { routeHandler } from '../../_lib/http/route-handler';

export const dynamic = 'force-dynamic';

export const GET = routeHandler(apiRoutes.listPipelinePauses, async ({ principal }) => ({
  paused: await listPipelinePauses(getEngine(), principal),
}));

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
