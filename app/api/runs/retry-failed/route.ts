import { apiRoutes } from '../../../../contracts/api-routes';
import { retryFailedRuns } from '../../../../core/runs/retry-failed-runs';
import { getEngine } from '../../../_lib/engine';
import { otherMethods } from '../../../_lib/http/method-not-allowed';
import { routeHandler } from '../../../_lib/http/route-handler';

export const dynamic = 'force-dynamic';

export const POST = routeHandler(apiRoutes.retryFailedRuns, ({ principal, body }) =>
  retryFailedRuns(getEngine(), body, principal),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods(['POST']);
