import { apiRoutes } from '../../../contracts/api-routes';
import { getOverview } from '../../../core/overview/get-overview';
import { getEngine } from '../../_lib/engine';
import { otherMethods } from '../../_lib/http/method-not-allowed';
import { routeHandler } from '../../_lib/http/route-handler';

export const dynamic = 'force-dynamic';

export const GET = routeHandler(
  apiRoutes.getOverview,
  async ({ principal }) => ({
    overview: await getOverview(getEngine(), principal),
  }),
  { shareIdenticalReads: true },
);

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
