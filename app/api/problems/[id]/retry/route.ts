import { apiRoutes } from '../../../../../contracts/api-routes';
import { retryProblemRuns } from '../../../../../core/problems/retry-problem-runs';
import { getEngine } from '../../../../_lib/engine';
import { otherMethods } from '../../../../_lib/http/method-not-allowed';
import { routeHandler } from '../../../../_lib/http/route-handler';

export const dynamic = 'force-dynamic';

export const POST = routeHandler(apiRoutes.retryProblemRuns, ({ principal, params, body }) =>
  retryProblemRuns(getEngine(), params.id, body, principal),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods(['POST']);
