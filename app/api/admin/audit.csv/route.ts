import { apiRoutes } from '../../../../contracts/api-routes';
import { exportAuditCsv } from '../../../../core/audit/list-audit';
import { getAuthServices } from '../../../_lib/auth/auth-services';
import { otherMethods } from '../../../_lib/http/method-not-allowed';
import { routeHandler } from '../../../_lib/http/route-handler';
import { textStream } from '../../../_lib/http/text-stream';

export const dynamic = 'force-dynamic';

export const GET = routeHandler(apiRoutes.exportAudit, async ({ principal, query }) => {
  const rows = exportAuditCsv(getAuthServices().engine, principal, query);
  return new Response(textStream(rows), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="signalbox-audit-${new Date().toISOString().slice(0, 10)}.csv"`,
    },
  });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
