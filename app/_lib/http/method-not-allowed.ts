import type { NextRequest } from 'next/server';
import { errorJson } from './error-json';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const METHODS: readonly Method[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * Handlers for the methods a route does not support: 405 in the API's error shape with an `Allow`
 * header (Next.js's own 405 has neither). Spread the result into the route's exports' place:
 * `export const { PUT, PATCH, DELETE } = otherMethods(['GET', 'POST'])`.
 */
export function otherMethods(allowed: readonly Method[]): Record<Method, (request: NextRequest) => Response> {
  const allow = allowed.join(', ');
  const handler = (request: NextRequest) =>
    errorJson(
      'METHOD_NOT_ALLOWED',
      `${request.method} is not allowed on ${request.nextUrl.pathname}; allowed: ${allow}`,
      { allowed },
      { Allow: allow },
    );
  return Object.fromEntries(METHODS.map((method) => [method, handler])) as Record<Method, typeof handler>;
}
