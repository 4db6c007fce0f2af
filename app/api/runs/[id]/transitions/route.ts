import { getRunTransitions } from '../../../../../core/runs/get-run-history';
import { requireRequestPrincipal } from '../../../../_lib/auth/request-principal';
import { getEngine } from '../../../../_lib/engine';
import { apiHandler } from '../../../../_lib/http/api-handler';
import { otherMethods } from '../../../../_lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

/** The run's transitions, oldest first: from, event, to, actor, time, time spent in `from`. */
export const GET = apiHandler(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const principal = await requireRequestPrincipal(request, 'runs:read');
  const { id } = await params;
  return Response.json({ transitions: await getRunTransitions(getEngine(), id, principal) });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
