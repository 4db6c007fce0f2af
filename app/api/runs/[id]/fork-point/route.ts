import { apiRoutes } from '../../../../../contracts/api-routes';
import { getForkPoint } from '../../../../../core/runs/fork/get-fork-point';
import { getEngine } from '../../../../_lib/engine';
import { otherMethods } from '../../../../_lib/http/method-not-allowed';
import { routeHandler } from '../../../../_lib/http/route-handler';

export const dynamic = 'force-dynamic';

export const GET = routeHandler(apiRoutes.getForkPoint, ({ principal, params, query }) =>
  getForkPoint(getEngine(), params.id, query ?? {}, principal),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
