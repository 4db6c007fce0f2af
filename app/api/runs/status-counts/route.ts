import { apiRoutes } from '../../../../contracts/api-routes';
import { countRunsByStatus } from '../../../../core/runs/count-runs-by-status';
import { getEngine } from '../../../_lib/engine';
import { otherMethods } from '../../../_lib/http/method-not-allowed';
import { routeHandler } from '../../../_lib/http/route-handler';

export const dynamic = 'force-dynamic';

/** The status filter itself is ignored: these are the runs list's facets. */
export const GET = routeHandler(
  apiRoutes.runStatusCounts,
  ({ principal, query }) => countRunsByStatus(getEngine(), query, principal),
  { shareIdenticalReads: true },
);

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
