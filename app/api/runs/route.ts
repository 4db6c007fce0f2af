import { apiRoutes } from '../../../contracts/api-routes';
import { listRuns } from '../../../core/runs/list-runs';
import { summarizeRun } from '../../../core/runs/run-summary';
import { startRun } from '../../../core/runs/start-run';
import { getEngine } from '../../_lib/engine';
import { otherMethods } from '../../_lib/http/method-not-allowed';
import { routeHandler, withStatus } from '../../_lib/http/route-handler';

export const dynamic = 'force-dynamic';

export const GET = routeHandler(
  apiRoutes.listRuns,
  ({ principal, query }) => listRuns(getEngine(), principal, query),
  { shareIdenticalReads: true },
);

export const POST = routeHandler(apiRoutes.startRun, async ({ principal, body }) => {
  const { run, created } = await startRun(getEngine(), body, principal);
  return withStatus(created ? 201 : 200, { run: summarizeRun(run), created });
});

export const { PUT, PATCH, DELETE } = otherMethods(['GET', 'POST']);
