import { apiRoutes } from '../../../../../../contracts/api-routes';
import { listAlertDeliveries } from '../../../../../../core/alerts/webhooks/list-alert-deliveries';
import { getEngine } from '../../../../../_lib/engine';
import { otherMethods } from '../../../../../_lib/http/method-not-allowed';
import { routeHandler } from '../../../../../_lib/http/route-handler';

export const dynamic = 'force-dynamic';

export const GET = routeHandler(apiRoutes.listDeliveries, async ({ principal, params }) => ({
  deliveries: await listAlertDeliveries(getEngine(), params.id, principal),
}));

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
