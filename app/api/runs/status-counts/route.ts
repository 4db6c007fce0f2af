import { parseInput } from '../../../../core/parse-input';
import { countRunsByStatus } from '../../../../core/runs/count-runs-by-status';
import { flattenParams, RunFilterSchema } from '../../../../core/runs/run-filter';
import { requireRequestPrincipal } from '../../../_lib/auth/request-principal';
import { getEngine } from '../../../_lib/engine';
import { apiHandler } from '../../../_lib/http/api-handler';
import { otherMethods } from '../../../_lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

/** Runs matching the filters per status (the status filter itself ignored): the runs list's facets. */
export const GET = apiHandler(async (request) => {
  const principal = await requireRequestPrincipal(request, 'runs:read');
  const filter = parseInput(RunFilterSchema, flattenParams(request.nextUrl.searchParams), 'runs filter');
  return Response.json(await countRunsByStatus(getEngine(), filter, principal));
});

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
