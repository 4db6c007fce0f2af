import { loadEnv } from '../../../config/env';
import { apiRoutes } from '../../../contracts/api-routes';
import { AppError } from '../../../core/errors';
import { getEngine } from '../../_lib/engine';
import { otherMethods } from '../../_lib/http/method-not-allowed';
import { routeHandler } from '../../_lib/http/route-handler';
import { hasMetricsToken, renderConsoleMetrics } from '../../_lib/metrics/console-metrics';

export const dynamic = 'force-dynamic';

/**
 * Prometheus metrics of this console process and of the cluster, for a scraper that sends
 * `Authorization: Bearer <METRICS_TOKEN>`. 404 while METRICS_TOKEN is unset. Counts only, no data.
 */
export const GET = routeHandler(apiRoutes.getMetrics, async ({ request }) => {
  const token = loadEnv().METRICS_TOKEN;
  if (!token) throw new AppError('NOT_FOUND', 'metrics are off: set METRICS_TOKEN to turn them on');
  if (!hasMetricsToken(request.headers.get('authorization'), token)) {
    throw new AppError('UNAUTHORIZED', 'send Authorization: Bearer <METRICS_TOKEN>');
  }
  const text = await renderConsoleMetrics(getEngine());
  return new Response(text, {
    headers: { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8', 'Cache-Control': 'no-store' },
  });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods(['GET']);
