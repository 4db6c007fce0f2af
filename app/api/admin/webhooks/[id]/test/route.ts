import { apiRoutes } from '../../../../../../contracts/api-routes';
import { sendTestAlert } from '../../../../../../core/alerts/webhooks/send-test-alert';
import { getEngine } from '../../../../../_lib/engine';
import { otherMethods } from '../../../../../_lib/http/method-not-allowed';
import { routeHandler } from '../../../../../_lib/http/route-handler';

export const dynamic = 'force-dynamic';

export const POST = routeHandler(apiRoutes.testWebhook, async ({ principal, params }) => ({
  delivery: await sendTestAlert(getEngine(), params.id, principal),
}));

export const { GET, PUT, PATCH, DELETE } = otherMethods(['POST']);
