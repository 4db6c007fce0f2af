import { apiRoutes } from '../../../../../contracts/api-routes';
import { getRunPage } from '../../../../../core/runs/get-run-page';
import { getEngine } from '../../../../_lib/engine';
import { otherMethods } from '../../../../_lib/http/method-not-allowed';
import { routeHandler } from '../../../../_lib/http/route-handler';

export const dynamic = 'force-dynamic';

/** The run page's one read: the run, its transitions and its step attempts. */
export const GET = routeHandler(
  apiRoutes.getRunPage,
  ({ principal, params }) => getRunPage(getEngine(), params.id, principal),
  { shareIdenticalReads: true },
);

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
