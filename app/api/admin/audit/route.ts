import { apiRoutes } from '../../../../contracts/api-routes';
import { listAudit } from '../../../../core/audit/list-audit';
import { getAuthServices } from '../../../_lib/auth/auth-services';
import { otherMethods } from '../../../_lib/http/method-not-allowed';
import { routeHandler } from '../../../_lib/http/route-handler';

export const dynamic = 'force-dynamic';

export const GET = routeHandler(apiRoutes.listAudit, ({ principal, query }) =>
  listAudit(getAuthServices().engine, principal, query),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
