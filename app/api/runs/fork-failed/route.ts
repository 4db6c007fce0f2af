import { apiRoutes } from '../../../../contracts/api-routes';
import { forkFailedRuns } from '../../../../core/runs/fork/fork-failed-runs';
import { getEngine } from '../../../_lib/engine';
import { otherMethods } from '../../../_lib/http/method-not-allowed';
import { routeHandler } from '../../../_lib/http/route-handler';

export const dynamic = 'force-dynamic';

export const POST = routeHandler(apiRoutes.forkFailedRuns, ({ principal, body }) =>
  forkFailedRuns(getEngine(), body, principal),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods(['POST']);
