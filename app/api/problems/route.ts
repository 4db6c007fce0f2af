import { apiRoutes } from '../../../contracts/api-routes';
import { listProblems } from '../../../core/problems/list-problems';
import { getEngine } from '../../_lib/engine';
import { otherMethods } from '../../_lib/http/method-not-allowed';
import { routeHandler } from '../../_lib/http/route-handler';

export const dynamic = 'force-dynamic';

export const GET = routeHandler(
  apiRoutes.listProblems,
  ({ principal, query }) => listProblems(getEngine(), principal, query),
  { shareIdenticalReads: true },
);

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
