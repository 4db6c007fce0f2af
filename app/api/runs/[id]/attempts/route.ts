import { getRunAttempts } from '../../../../../core/runs/get-run-history';
import { requireRequestPrincipal } from '../../../../_lib/auth/request-principal';
import { getEngine } from '../../../../_lib/engine';
import { apiHandler } from '../../../../_lib/http/api-handler';
import { otherMethods } from '../../../../_lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

/** The run's step attempts with outcome, error (and stack) and the log lines the step wrote. */
export const GET = apiHandler(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const principal = await requireRequestPrincipal(request, 'runs:read');
  const { id } = await params;
  return Response.json({ attempts: await getRunAttempts(getEngine(), id, principal) });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
