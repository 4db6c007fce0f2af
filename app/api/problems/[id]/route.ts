import { apiRoutes } from '../../../../contracts/api-routes';
import { getProblem } from '../../../../core/problems/get-problem';
import { getEngine } from '../../../_lib/engine';
import { otherMethods } from '../../../_lib/http/method-not-allowed';
import { routeHandler } from '../../../_lib/http/route-handler';

export const dynamic = 'force-dynamic';

export const GET = routeHandler(apiRoutes.getProblem, ({ principal, params }) =>
  getProblem(getEngine(), params.id, principal),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
