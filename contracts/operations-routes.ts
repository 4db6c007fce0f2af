import { z } from 'zod';
import { defineRoute } from './api-route';

const ReadinessSchema = z.object({
  status: z.enum(['ready', 'unavailable']),
  database: z.enum(['ok', 'unreachable']),
  migrations: z.enum(['current', 'pending', 'unknown']),
});

/** What probes, scrapers and API clients read about the service itself: no sign-in, no data. */
export const operationsRoutes = {
  getHealth: defineRoute({
    method: 'GET',
    path: '/api/health',
    summary: 'Liveness: the console process answers (no database, no sign-in, no data)',
    access: 'public',
    responses: { 200: z.object({ status: z.literal('ok') }) },
    errors: [],
  }),
  getReadiness: defineRoute({
    method: 'GET',
    path: '/api/ready',
    summary:
      "Readiness: PostgreSQL answers and its migrations are this build's (503 saying which check failed)",
    access: 'public',
    responses: { 200: ReadinessSchema, 503: ReadinessSchema },
    errors: [],
  }),
  getMetrics: defineRoute({
    method: 'GET',
    path: '/api/metrics',
    summary: 'Prometheus metrics of this console and the cluster, for Authorization: Bearer <METRICS_TOKEN>',
    description:
      'Not a person or API token: the scraper sends METRICS_TOKEN. 404 while METRICS_TOKEN is unset.',
    access: 'public',
    responses: { 200: { mediaType: 'text/plain', description: 'Prometheus text format 0.0.4' } },
    errors: ['NOT_FOUND', 'UNAUTHORIZED'],
  }),
  getOpenApi: defineRoute({
    method: 'GET',
    path: '/api/openapi.json',
    summary: 'This API described as OpenAPI 3.1, generated from the schemas the handlers validate with',
    access: 'public',
    responses: { 200: { mediaType: 'application/json', description: 'the OpenAPI 3.1 document' } },
    errors: [],
  }),
};
