import { getRunAttempts } from '../../../../../core/runs/get-run-history';
import { getEngine } from '../../../../_lib/engine';
import { apiHandler } from '../../../../_lib/http/api-handler';
import { otherMethods } from '../../../../_lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

/** The run's step attempts with outcome, error (and stack) and the log lines the step wrote. */
export const GET = apiHandler(async (_request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  return Response.json({ attempts: await getRunAttempts(getEngine(), id) });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
