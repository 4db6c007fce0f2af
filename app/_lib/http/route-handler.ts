import 'server-only';
import type { NextRequest } from 'next/server';
import type { z } from 'zod';
import type { ApiRoute } from '../../../contracts/api-route';
import type { Principal } from '../../../core/auth/actor';
import { parseInput } from '../../../core/parse-input';
import { flattenParams } from '../../../core/runs/run-filter';
import { requestPrincipal, requireRequestPrincipal } from '../auth/request-principal';
import { apiHandler } from './api-handler';
import { assertJsonMutation, assertSameOrigin } from './assert-same-origin';
import { type FileUpload, readFileUpload } from './read-file-upload';
import { readJsonBody } from './read-json-body';
import { createSharedReads } from './shared-reads';

type Parsed<R, K extends 'params' | 'query' | 'body'> = R extends { [P in K]: infer S extends z.ZodType }
  ? z.output<S>
  : undefined;

/** What a handler gets: its caller (checked against the route's access) and its parsed input. */
export interface RouteContext<R extends ApiRoute> {
  request: NextRequest;
  principal: R['access'] extends 'public' ? null : R['access'] extends 'any' ? Principal | null : Principal;
  params: Parsed<R, 'params'>;
  query: Parsed<R, 'query'>;
  body: Parsed<R, 'body'>;
  upload: R extends { upload: object } ? FileUpload : undefined;
}

const STATUS = Symbol('status');
interface WithStatus<T> {
  [STATUS]: 200 | 201;
  body: T;
}
/** A JSON answer with a chosen success status (otherwise the route's lowest one): e.g. 201 created, 200 repeated. */
export const withStatus = <T>(status: 200 | 201, body: T): WithStatus<T> => ({ [STATUS]: status, body });

/** What may stand for a JSON value: a `Date` serializes to the ISO string a schema describes. */
type Writable<T> = T extends string
  ? T | Date
  : T extends readonly (infer U)[]
    ? readonly Writable<U>[]
    : T extends object
      ? { [K in keyof T]: Writable<T[K]> }
      : T;

type JsonAnswer<R extends ApiRoute> = {
  [S in keyof R['responses']]: R['responses'][S] extends z.ZodType
    ? Writable<z.input<R['responses'][S]>>
    : never;
}[keyof R['responses']];

/**
 * What a handler may answer: a value its route's response schema describes (with a status of its
 * choosing), nothing for a 204 route, or a `Response` of its own (downloads, streams, cookies).
 */
type HandlerAnswer<R extends ApiRoute> =
  | JsonAnswer<R>
  | WithStatus<JsonAnswer<R>>
  | Response
  // biome-ignore lint/suspicious/noConfusingVoidType: a 204 handler is an async function returning nothing.
  | (R['responses'] extends { 204: null } ? void : never);

export type RouteHandler = ((
  request: NextRequest,
  context: { params: Promise<Record<string, string>> },
) => Promise<Response>) & { route: ApiRoute };

export interface RouteOptions {
  /**
   * Identical reads share one database read (`shared-reads.ts`): for GET routes whose answer depends
   * only on the caller's role, the path parameters and the query (the reads every open console
   * repeats when a run notice arrives). Each caller still gets a read started after it asked.
   */
  shareIdenticalReads?: boolean;
}

/** One per console process: the reads of all its requests. */
const sharedReads = createSharedReads();

/**
 * The route handler of one API route: refuses cross-site and non-JSON mutations, checks the caller's
 * permission, parses the path parameters, query and JSON body (or takes the uploaded file) with the
 * route's schemas, and answers the handler's value as JSON with the route's status, every error in
 * the API's one error shape. The handler's answer must fit the route's response schema (a type
 * error otherwise); a non-JSON route answers a `Response` of its own.
 */
export function routeHandler<const R extends ApiRoute>(
  route: R,
  handle: (context: RouteContext<R>) => Promise<HandlerAnswer<R>>,
  options: RouteOptions = {},
): RouteHandler {
  if (options.shareIdenticalReads && route.method !== 'GET') {
    throw new Error(`${route.method} ${route.path}: only reads may be shared`);
  }
  const successStatus = Number(Object.keys(route.responses)[0]);
  const handler = apiHandler(async (request, context: { params: Promise<Record<string, string>> }) => {
    if (route.method !== 'GET') {
      if (route.body) assertJsonMutation(request);
      else assertSameOrigin(request);
    }
    const principal =
      route.access === 'public'
        ? null
        : route.access === 'any'
          ? await requestPrincipal(request)
          : await requireRequestPrincipal(request, route.access);
    const rawParams = await context.params;
    const params = route.params ? parseInput(route.params, rawParams, 'path') : undefined;
    const upload = route.upload ? readFileUpload(request, route.upload.maxBytes) : undefined;
    const query =
      route.query && !route.upload
        ? parseInput(route.query, flattenParams(request.nextUrl.searchParams), 'query')
        : undefined;
    const body = route.body ? parseInput(route.body, await readJsonBody(request), 'request body') : undefined;
    const input = { request, principal, params, query, body, upload } as RouteContext<R>;
    const answer: unknown = options.shareIdenticalReads
      ? await sharedReads(
          JSON.stringify([route.path, principal?.role ?? null, params ?? null, query ?? null]),
          () => handle(input),
        )
      : await handle(input);
    if (answer instanceof Response) return answer;
    if (successStatus === 204) return new Response(null, { status: 204 });
    if (answer && typeof answer === 'object' && STATUS in answer) {
      const { [STATUS]: status, body: json } = answer as WithStatus<unknown>;
      return Response.json(json, { status });
    }
    return Response.json(answer, { status: successStatus });
  });
  return Object.assign(handler, { route });
}
