import { apiRoutes } from '../../../../contracts/api-routes';
import { getRunPage } from '../../../../core/runs/get-run-page';
import { getEngine } from '../../../_lib/engine';
import { otherMethods } from '../../../_lib/http/method-not-allowed';
import { routeHandler } from '../../../_lib/http/route-handler';

export const dynamic = 'force-dynamic';

/** Part of the run page's one read (`/api/runs/:id/page`). */
export const GET = routeHandler(
  apiRoutes.getRun,
  async ({ principal, params }) => {
    const { run } = await getRunPage(getEngine(), params.id, principal);
    return { run };
  },
  { shareIdenticalReads: true },
);

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
