import { getRunView } from '../../../../core/runs/get-run-view';
import { requireRequestPrincipal } from '../../../_lib/auth/request-principal';
import { getEngine } from '../../../_lib/engine';
import { apiHandler } from '../../../_lib/http/api-handler';
import { otherMethods } from '../../../_lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

/** A run: state, status, version, allowed actions and events, context, input, timestamps, diagram. */
export const GET = apiHandler(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const principal = await requireRequestPrincipal(request, 'runs:read');
  const { id } = await params;
  return Response.json({ run: await getRunView(getEngine(), id, principal) });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
