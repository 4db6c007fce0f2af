import 'server-only';
import type { apiRoutes } from '../../../contracts/api-routes';
import { performOperatorAction } from '../../../core/runs/perform-operator-action';
import { summarizeRun } from '../../../core/runs/run-summary';
import { getEngine } from '../engine';
import { routeHandler } from './route-handler';

type ActionRoute = (typeof apiRoutes)['retryRun' | 'cancelRun' | 'sendRunEvent'];

/** The POST handler of `/api/runs/:id/retry`, `/cancel` and `/events`: the action → the run it left. */
export function operatorActionRoute(route: ActionRoute, kind: 'retry' | 'cancel' | 'event') {
  return routeHandler(route, async ({ principal, params, body }) => {
    const request = { ...body, runId: params.id };
    const run = await performOperatorAction(
      getEngine(),
      kind === 'event' && 'type' in request
        ? { kind, request }
        : { kind: kind as 'retry' | 'cancel', request },
      principal,
    );
    return { run: summarizeRun(run) };
  });
}
