import { apiRoutes } from '../../../../../contracts/api-routes';
import { pausePipeline } from '../../../../../core/controls/pause-pipeline';
import { getEngine } from '../../../../_lib/engine';
import { otherMethods } from '../../../../_lib/http/method-not-allowed';
import { routeHandler } from '../../../../_lib/http/route-handler';

export const dynamic = 'force-dynamic';

export const POST = routeHandler(apiRoutes.pausePipeline, async ({ principal, params, body }) => ({
  pause: await pausePipeline(getEngine(), params.id, body, principal),
}));

export const { GET, PUT, PATCH, DELETE } = otherMethods(['POST']);
