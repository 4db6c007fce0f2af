import { alertRoutes } from './alerts';
import { consoleRoutes } from './console-routes';
import { controlRoutes } from './controls';
import { forkTimerRoutes } from './fork-timer-routes';
import { operationsRoutes } from './operations-routes';
import { problemRoutes } from './problems';
import { runRoutes } from './run-routes';

/**
 * Every route of the JSON API, by name: the route handlers under `app/api` are built from these
 * (`routeHandler`), the console calls them through `callApi`, and `/api/openapi.json` describes them.
 * Client-safe: only zod and the schema modules beside this one.
 */
export const apiRoutes = {
  ...runRoutes,
  ...forkTimerRoutes,
  ...consoleRoutes,
  ...controlRoutes,
  ...problemRoutes,
  ...operationsRoutes,
  ...alertRoutes,
};
export type ApiRouteName = keyof typeof apiRoutes;
