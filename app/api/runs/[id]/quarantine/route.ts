import { apiRoutes } from '../../../../../contracts/api-routes';
import { getQuarantinePage } from '../../../../../health/ingest/get-quarantine-page';
import { getEngine } from '../../../../_lib/engine';
import { otherMethods } from '../../../../_lib/http/method-not-allowed';
import { routeHandler } from '../../../../_lib/http/route-handler';

export const dynamic = 'force-dynamic';

/** Raw values (health data) only with `?values=true`, refused (403) to roles without `payload:read`. */
export const GET = routeHandler(apiRoutes.getQuarantine, async ({ principal, params, query }) =>
  Response.json(await getQuarantinePage(getEngine(), params.id, query, principal), {
    headers: { 'Cache-Control': 'no-store' },
  }),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
