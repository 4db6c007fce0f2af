import { AuditQuerySchema, exportAuditCsv } from '../../../../core/audit/list-audit';
import { parseInput } from '../../../../core/parse-input';
import { getAuthServices } from '../../../_lib/auth/auth-services';
import { requestPrincipal } from '../../../_lib/auth/request-principal';
import { apiHandler } from '../../../_lib/http/api-handler';
import { otherMethods } from '../../../_lib/http/method-not-allowed';
import { textStream } from '../../../_lib/http/text-stream';

export const dynamic = 'force-dynamic';

/** The filtered audit trail as a CSV download (admins). */
export const GET = apiHandler(async (request) => {
  const query = parseInput(AuditQuerySchema, Object.fromEntries(request.nextUrl.searchParams), 'query');
  const rows = exportAuditCsv(getAuthServices().engine, await requestPrincipal(request), query);
  return new Response(textStream(rows), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="signalbox-audit-${new Date().toISOString().slice(0, 10)}.csv"`,
    },
  });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
