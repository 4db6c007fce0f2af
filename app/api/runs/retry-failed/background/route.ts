import { apiRoutes } from '../../../../../contracts/api-routes';
import { startBackgroundRetry } from '../../../../../core/runs/bulk/start-background-retry';
import { getEngine } from '../../../../_lib/engine';
import { otherMethods } from '../../../../_lib/http/method-not-allowed';
import { routeHandler } from '../../../../_lib/http/route-handler';

export const dynamic = 'force-dynamic';

export const POST = routeHandler(apiRoutes.retryFailedRunsInBackground, ({ principal, body }) =>
  startBackgroundRetry(getEngine(), body, principal),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods(['POST']);
