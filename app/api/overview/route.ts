import { getOverview } from '../../../core/overview/get-overview';
import { requireRequestPrincipal } from '../../_lib/auth/request-principal';
import { getEngine } from '../../_lib/engine';
import { apiHandler } from '../../_lib/http/api-handler';
import { otherMethods } from '../../_lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

/** The overview page's data: runs by status over the last 24 h, active runs, failures, pipeline health. */
export const GET = apiHandler(async (request) => {
  const principal = await requireRequestPrincipal(request, 'runs:read');
  return Response.json({ overview: await getOverview(getEngine(), principal) });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
