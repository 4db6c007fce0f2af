import { apiRoutes } from '../../../../../contracts/api-routes';
import { getIngestSummary } from '../../../../../health/ingest/get-ingest-summary';
import { getEngine } from '../../../../_lib/engine';
import { otherMethods } from '../../../../_lib/http/method-not-allowed';
import { routeHandler } from '../../../../_lib/http/route-handler';

export const dynamic = 'force-dynamic';

export const GET = routeHandler(apiRoutes.getIngestSummary, async ({ principal, params }) => ({
  summary: await getIngestSummary(getEngine(), params.id, principal),
}));

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
