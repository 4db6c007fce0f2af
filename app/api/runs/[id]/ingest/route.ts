import { getIngestSummary } from '../../../../../health/ingest/get-ingest-summary';
import { requireRequestPrincipal } from '../../../../_lib/auth/request-principal';
import { getEngine } from '../../../../_lib/engine';
import { apiHandler } from '../../../../_lib/http/api-handler';
import { otherMethods } from '../../../../_lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

/**
 * An ingestion run's counts (received, valid, quarantined, loaded, duplicates), its quarantined
 * share against the review threshold, and the review decision. 404 for an unknown run; a run of a
 * pipeline that takes no files answers an empty summary with `file: null`.
 */
export const GET = apiHandler(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const principal = await requireRequestPrincipal(request, 'runs:read');
  const { id } = await params;
  return Response.json({ summary: await getIngestSummary(getEngine(), id, principal) });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
