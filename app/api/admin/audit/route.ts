import { AuditQuerySchema, listAudit } from '../../../../core/audit/list-audit';
import { parseInput } from '../../../../core/parse-input';
import { getAuthServices } from '../../../_lib/auth/auth-services';
import { requestPrincipal } from '../../../_lib/auth/request-principal';
import { apiHandler } from '../../../_lib/http/api-handler';
import { otherMethods } from '../../../_lib/http/method-not-allowed';

export const dynamic = 'force-dynamic';

/** The audit trail, newest first: `?actor&action&outcome&target&after&before&cursor&limit` (admins). */
export const GET = apiHandler(async (request) => {
  const query = parseInput(AuditQuerySchema, Object.fromEntries(request.nextUrl.searchParams), 'query');
  return Response.json(await listAudit(getAuthServices().engine, await requestPrincipal(request), query));
});

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
