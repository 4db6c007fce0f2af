import { getQuarantinePage, parseQuarantineQuery } from '../../../../../health/ingest/get-quarantine-page';
import { requireRequestPrincipal } from '../../../../_lib/auth/request-principal';
import { getEngine } from '../../../../_lib/engine';
import { apiHandler } from '../../../../_lib/http/api-handler';
import { otherMethods } from '../../../../_lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

/**
 * A page of the run's quarantined records (`?page=&pageSize=`, at most 500): record, line, field,
 * reason, stage; raw values (health data) only with `?values=true` (403 for roles without `payload:read`). 404 for an unknown run; a run
 * of a pipeline that takes no files has an empty quarantine.
 */
export const GET = apiHandler(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const principal = await requireRequestPrincipal(request, 'runs:read');
  const { id } = await params;
  const query = parseQuarantineQuery(request.nextUrl.searchParams);
  return Response.json(await getQuarantinePage(getEngine(), id, query, principal), {
    headers: { 'Cache-Control': 'no-store' },
  });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
