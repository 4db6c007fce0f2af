import { apiRoutes } from '../../../../contracts/api-routes';
import { findBulkAction } from '../../../../core/runs/bulk/bulk-action-view';
import { getEngine } from '../../../_lib/engine';
import { otherMethods } from '../../../_lib/http/method-not-allowed';
import { routeHandler } from '../../../_lib/http/route-handler';

export const dynamic = 'force-dynamic';

export const GET = routeHandler(apiRoutes.getBulkAction, async ({ principal, params }) => ({
  bulkAction: await findBulkAction(getEngine(), params.id, principal),
}));

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
