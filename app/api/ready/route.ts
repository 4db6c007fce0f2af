import { apiRoutes } from '../../../contracts/api-routes';
import { checkReadiness } from '../../../core/health/check-readiness';
import { getEngine } from '../../_lib/engine';
import { otherMethods } from '../../_lib/http/method-not-allowed';
import { routeHandler } from '../../_lib/http/route-handler';

export const dynamic = 'force-dynamic';

/**
 * Readiness: 200 when PostgreSQL answers and its migrations are the ones this build expects, else
 * 503 saying which check failed. No authentication, no data.
 */
export const GET = routeHandler(apiRoutes.getReadiness, async () => {
  const { ready, database, migrations } = await checkReadiness(getEngine().db);
  return Response.json(
    { status: ready ? 'ready' : 'unavailable', database, migrations },
    { status: ready ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
  );
});

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
