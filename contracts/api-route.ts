import type { z } from 'zod';
import type { ErrorCode } from './error-codes';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** Who may call a route: anyone, any caller (signed in or not: the handler decides), or a permission. */
export type RouteAccess = 'public' | 'any' | 'runs:read' | 'runs:write' | 'admin';

/** An answer that is not JSON described by a schema: a CSV download, an event stream, a document. */
export interface MediaBody {
  mediaType: string;
  description: string;
}

/**
 * One API route: everything the handler parses (path parameters, query, JSON body or uploaded file)
 * and every answer it gives, as zod schemas. The route handlers, the console's client and the OpenAPI
 * document are all derived from these objects.
 */
export interface ApiRoute {
  method: HttpMethod;
  /** OpenAPI path template: `/api/runs/{id}`. */
  path: `/api/${string}`;
  summary: string;
  description?: string;
  access: RouteAccess;
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** A JSON request body. */
  body?: z.ZodType;
  /** A raw file as the request body. */
  upload?: { mediaTypes: readonly string[]; maxBytes: number };
  /** Answers by status (503: not ready, for probes); `null` is an answer without a body. */
  responses: { 200?: z.ZodType | MediaBody; 201?: z.ZodType; 204?: null; 503?: z.ZodType };
  /** The error codes this route gives besides the ones every route of its kind may give. */
  errors: readonly ErrorCode[];
}

/** Keeps a route's literal types (its schemas), so handlers and the client are typed by them. */
export const defineRoute = <const R extends ApiRoute>(route: R): R => route;

export const isMediaBody = (body: unknown): body is MediaBody =>
  typeof body === 'object' && body !== null && 'mediaType' in body;

/** The JSON answers of a route, as the caller receives them (`undefined` for a 204). */
export type RouteAnswer<R extends ApiRoute> = {
  [S in keyof R['responses']]: R['responses'][S] extends z.ZodType
    ? z.output<R['responses'][S]>
    : R['responses'][S] extends null
      ? undefined
      : never;
}[keyof R['responses']];

/** What a caller passes: the path parameters, query, JSON body or file the route takes. */
export type RouteInput<R extends ApiRoute> = (R extends { params: infer P extends z.ZodType }
  ? { params: z.input<P> }
  : unknown) &
  (R extends { query: infer Q extends z.ZodType } ? { query?: z.input<Q> | URLSearchParams } : unknown) &
  (R extends { body: infer B extends z.ZodType } ? { body: z.input<B> } : unknown) &
  (R extends { upload: object } ? { file: Blob; contentType: string } : unknown);

/** `/api/runs/{id}` with `{id: 'x/y'}` → `/api/runs/x%2Fy`. */
export function routePath(route: Pick<ApiRoute, 'path'>, params: Record<string, unknown> = {}): string {
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === null || value === '')
      throw new Error(`${route.path}: ${name} is missing`);
    return encodeURIComponent(String(value));
  });
}

/** The query string of a route's query parameters (`undefined` ones left out), with its `?`. */
export function routeSearch(query: Record<string, unknown> | URLSearchParams | undefined): string {
  if (!query) return '';
  const search =
    query instanceof URLSearchParams
      ? new URLSearchParams(query)
      : new URLSearchParams(
          Object.entries(query).flatMap(([name, value]): [string, string][] =>
            value === undefined || value === null
              ? []
              : [[name, value instanceof Date ? value.toISOString() : String(value)]],
          ),
        );
  const text = search.toString();
  return text ? `?${text}` : '';
}
