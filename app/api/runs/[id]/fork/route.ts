import { apiRoutes } from '../../../../../contracts/api-routes';
import { forkRun } from '../../../../../core/runs/fork/fork-run';
import { summarizeRun } from '../../../../../core/runs/run-summary';
import { getEngine } from '../../../../_lib/engine';
import { otherMethods } from '../../../../_lib/http/method-not-allowed';
import { routeHandler } from '../../../../_lib/http/route-handler';

export const dynamic = 'force-dynamic';

export const POST = routeHandler(apiRoutes.forkRun, async ({ principal, params, body }) => {
  const { run, diffSize } = await forkRun(getEngine(), params.id, body, principal);
  return { run: summarizeRun(run), diffSize };
});

export const { GET, PUT, PATCH, DELETE } = otherMethods(['POST']);
