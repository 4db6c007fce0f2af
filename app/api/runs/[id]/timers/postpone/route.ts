import { apiRoutes } from '../../../../../../contracts/api-routes';
import { summarizeRun } from '../../../../../../core/runs/run-summary';
import { operateTimer } from '../../../../../../core/runs/timers/operate-timer';
import { getEngine } from '../../../../../_lib/engine';
import { otherMethods } from '../../../../../_lib/http/method-not-allowed';
import { routeHandler } from '../../../../../_lib/http/route-handler';

export const dynamic = 'force-dynamic';

export const POST = routeHandler(apiRoutes.postponeTimer, async ({ principal, params, body }) => {
  const run = await operateTimer(
    getEngine(),
    { kind: 'postpone', request: { ...body, runId: params.id } },
    principal,
  );
  return { run: summarizeRun(run) };
});

export const { GET, PUT, PATCH, DELETE } = otherMethods(['POST']);
