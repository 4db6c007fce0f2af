import { apiRoutes } from '../../../contracts/api-routes';
import { otherMethods } from '../../_lib/http/method-not-allowed';
import { routeHandler } from '../../_lib/http/route-handler';

export const dynamic = 'force-dynamic';

/** Liveness: the console process answers. No database, no authentication, no data. */
export const GET = routeHandler(apiRoutes.getHealth, async () =>
  Response.json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } }),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
