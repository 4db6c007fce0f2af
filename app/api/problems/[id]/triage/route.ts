import { apiRoutes } from '../../../../../contracts/api-routes';
import { triageProblem } from '../../../../../core/problems/triage-problem';
import { getEngine } from '../../../../_lib/engine';
import { otherMethods } from '../../../../_lib/http/method-not-allowed';
import { routeHandler } from '../../../../_lib/http/route-handler';

export const dynamic = 'force-dynamic';

export const POST = routeHandler(apiRoutes.triageProblem, ({ principal, params, body }) =>
  triageProblem(getEngine(), params.id, body, principal),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods(['POST']);
