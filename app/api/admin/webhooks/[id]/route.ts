import { apiRoutes } from '../../../../../contracts/api-routes';
import { deleteWebhook } from '../../../../../core/alerts/webhooks/delete-webhook';
import { updateWebhook } from '../../../../../core/alerts/webhooks/update-webhook';
import { getEngine } from '../../../../_lib/engine';
import { otherMethods } from '../../../../_lib/http/method-not-allowed';
import { routeHandler } from '../../../../_lib/http/route-handler';

export const dynamic = 'force-dynamic';

export const PATCH = routeHandler(apiRoutes.updateWebhook, async ({ principal, params, body }) => ({
  webhook: await updateWebhook(getEngine(), params.id, body, principal),
}));

export const DELETE = routeHandler(apiRoutes.deleteWebhook, async ({ principal, params }) => {
  await deleteWebhook(getEngine(), params.id, principal);
});

export const { GET, POST, PUT } = otherMethods(['PATCH', 'DELETE']);
