import { listPipelineSummaries } from '../../../core/pipeline-views/list-pipeline-summaries';
import { requireRequestPrincipal } from '../../_lib/auth/request-principal';
import { getEngine } from '../../_lib/engine';
import { apiHandler } from '../../_lib/http/api-handler';
import { otherMethods } from '../../_lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

/** Every pipeline (newest version) with its run counts per status. */
export const GET = apiHandler(async (request) => {
  const principal = await requireRequestPrincipal(request, 'runs:read');
  return Response.json({ pipelines: await listPipelineSummaries(getEngine(), principal) });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
