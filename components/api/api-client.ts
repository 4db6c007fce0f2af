import type { z } from 'zod';
import {
  type ApiRoute,
  isMediaBody,
  type RouteAnswer,
  type RouteInput,
  routePath,
  routeSearch,
} from '../../contracts/api-route';
import { ApiErrorBodySchema } from '../../contracts/error-codes';
import { ApiError } from './api-error';

/** The input argument: optional when the route takes nothing that is required. */
type InputArgs<R extends ApiRoute> =
  object extends RouteInput<R> ? [input?: RouteInput<R>] : [input: RouteInput<R>];

interface AnyInput {
  params?: Record<string, unknown>;
  query?: Record<string, unknown> | URLSearchParams;
  body?: unknown;
  file?: Blob;
  contentType?: string;
}

/**
 * Calls one route of the API table as the signed-in person (the session cookie goes along): the URL
 * is built from the route's path and query, the body sent as JSON (or the file as it is, streamed by
 * the browser), and the answer checked against the route's response schema, so what a component
 * receives is what its type says. Errors arrive as `ApiError` (status 0 when the server is unreachable).
 */
export async function callApi<R extends ApiRoute>(
  route: R,
  ...[input]: InputArgs<R>
): Promise<RouteAnswer<R>> {
  const { params, query, body, file, contentType } = (input ?? {}) as AnyInput;
  const url = routePath(route, params) + routeSearch(query);
  const headers: Record<string, string> = { accept: 'application/json' };
  let payload: BodyInit | undefined;
  if (file) {
    headers['content-type'] = contentType ?? 'application/octet-stream';
    payload = file;
  } else if (route.method !== 'GET') {
    // Every mutation is sent as JSON, even without fields: the server refuses other media types.
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body ?? {});
  }
  let response: Response;
  try {
    response = await fetch(url, { method: route.method, headers, body: payload, cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'NETWORK', 'The console server cannot be reached. Is it running?');
  }
  if (response.status === 204) return undefined as RouteAnswer<R>;
  const data: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = ApiErrorBodySchema.safeParse(data);
    throw new ApiError(
      response.status,
      parsed.success ? parsed.data.error.code : `HTTP_${response.status}`,
      parsed.success
        ? parsed.data.error.message
        : `The server answered ${response.status} ${response.statusText}`,
      parsed.success ? parsed.data.error.details : undefined,
    );
  }
  const schema = route.responses[response.status as keyof ApiRoute['responses']];
  if (!schema || isMediaBody(schema)) {
    throw new ApiError(response.status, 'UNEXPECTED_ANSWER', `${route.path} answered ${response.status}`);
  }
  const parsed = (schema as z.ZodType).safeParse(data);
  if (!parsed.success) {
    throw new ApiError(
      response.status,
      'UNEXPECTED_ANSWER',
      `${route.method} ${route.path} answered in a shape this console does not know: reload the page`,
    );
  }
  return parsed.data as RouteAnswer<R>;
}

/** A link to a route that answers a download (CSV exports), with its query. */
export function routeHref<R extends ApiRoute>(route: R, ...[input]: InputArgs<R>): string {
  const { params, query } = (input ?? {}) as AnyInput;
  return routePath(route, params) + routeSearch(query);
}
