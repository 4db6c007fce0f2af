import { getPipelineView } from '../../../../core/pipeline-views/get-pipeline-view';
import { requireRequestPrincipal } from '../../../_lib/auth/request-principal';
import { getEngine } from '../../../_lib/engine';
import { apiHandler } from '../../../_lib/http/api-handler';
import { otherMethods } from '../../../_lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

/** A pipeline's definition, input JSON Schema, Mermaid source and run counts per state and status. */
export const GET = apiHandler(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const principal = await requireRequestPrincipal(request, 'runs:read');
  const { id } = await params;
  return Response.json({ pipeline: await getPipelineView(getEngine(), id, principal) });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
