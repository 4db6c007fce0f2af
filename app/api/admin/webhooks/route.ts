import { apiRoutes } from '../../../../contracts/api-routes';
import { createWebhook } from '../../../../core/alerts/webhooks/create-webhook';
import { listWebhooks } from '../../../../core/alerts/webhooks/list-webhooks';
import { getEngine } from '../../../_lib/engine';
import { otherMethods } from '../../../_lib/http/method-not-allowed';
import { routeHandler } from '../../../_lib/http/route-handler';

export const dynamic = 'force-dynamic';

export const GET = routeHandler(apiRoutes.listWebhooks, async ({ principal }) => ({
  webhooks: await listWebhooks(getEngine(), principal),
}));

export const POST = routeHandler(apiRoutes.createWebhook, async ({ principal, body }) =>
  createWebhook(getEngine(), body, principal),
);

export const { PUT, PATCH, DELETE } = otherMethods(['GET', 'POST']);
