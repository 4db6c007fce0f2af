import { z } from 'zod';
import { type ApiRoute, isMediaBody } from './api-route';
import { apiRoutes } from './api-routes';
import { ApiErrorBodySchema, ERROR_STATUS, type ErrorCode } from './error-codes';

type JsonSchema = Record<string, unknown>;

/** A zod schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect), for the side it is read from. */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema: out }) => {
      // Dates arrive in query strings as ISO text (`z.coerce.date()`).
      if (zodSchema._zod.def.type === 'date') Object.assign(out, { type: 'string', format: 'date-time' });
    },
  });
  return rest;
}

/** Every error a route may answer: its own codes, and those its kind of route always may. */
export function routeErrors(route: ApiRoute): ErrorCode[] {
  const codes = new Set<ErrorCode>(route.errors);
  if (route.access !== 'public' && route.access !== 'any') codes.add('UNAUTHORIZED').add('FORBIDDEN');
  // Mutations from another site's page are refused (403).
  if (route.method !== 'GET') codes.add('FORBIDDEN');
  if (route.params || route.query || route.body || route.upload) codes.add('VALIDATION_FAILED');
  if (route.body) codes.add('INVALID_JSON');
  if (route.body || route.upload) codes.add('PAYLOAD_TOO_LARGE').add('UNSUPPORTED_MEDIA_TYPE');
  codes.add('INTERNAL');
  return [...codes];
}

function errorResponses(route: ApiRoute): Record<string, JsonSchema> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of routeErrors(route)) {
    byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, codes]) => [
      String(status),
      {
        description: codes.join(', '),
        content: {
          'application/json': {
            schema: {
              allOf: [
                { $ref: '#/components/schemas/ApiError' },
                { properties: { error: { properties: { code: { enum: codes } } } } },
              ],
            },
          },
        },
      },
    ]),
  );
}

function parameters(route: ApiRoute): JsonSchema[] {
  const list: JsonSchema[] = [];
  for (const [where, schema] of [
    ['path', route.params],
    ['query', route.query],
  ] as const) {
    if (!schema) continue;
    const object = jsonSchema(schema, 'input') as {
      properties?: Record<string, JsonSchema>;
      required?: string[];
    };
    for (const [name, property] of Object.entries(object.properties ?? {})) {
      const { description, ...rest } = property;
      list.push({
        name,
        in: where,
        required: where === 'path' || (object.required ?? []).includes(name),
        ...(typeof description === 'string' ? { description } : {}),
        schema: rest,
      });
    }
  }
  return list;
}

function requestBody(route: ApiRoute): JsonSchema | undefined {
  if (route.body) {
    return { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } };
  }
  if (route.upload) {
    const file = { type: 'string', description: `the file itself, at most ${route.upload.maxBytes} bytes` };
    return {
      required: true,
      content: Object.fromEntries(route.upload.mediaTypes.map((type) => [type, { schema: file }])),
    };
  }
  return undefined;
}

function successResponses(route: ApiRoute): Record<string, JsonSchema> {
  return Object.fromEntries(
    Object.entries(route.responses).map(([status, body]) => {
      if (body === null || body === undefined) return [status, { description: 'done; no body' }];
      if (isMediaBody(body))
        return [status, { description: body.description, content: { [body.mediaType]: {} } }];
      return [
        status,
        { description: 'OK', content: { 'application/json': { schema: jsonSchema(body, 'output') } } },
      ];
    }),
  );
}

const SECURITY: Record<ApiRoute['access'], JsonSchema[]> = {
  public: [],
  any: [{}, { session: [] }, { bearer: [] }],
  'runs:read': [{ session: [] }, { bearer: [] }],
  'runs:write': [{ session: [] }, { bearer: [] }],
  admin: [{ session: [] }, { bearer: [] }],
};

/**
 * The API as an OpenAPI 3.1 document, generated from the route table: the same zod schemas the
 * route handlers parse requests with and the console checks answers with.
 */
export function openApiDocument(serverUrl?: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const [name, route] of Object.entries(apiRoutes) as [string, ApiRoute][]) {
    const body = requestBody(route);
    const params = parameters(route);
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = {
      operationId: name,
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      tags: [route.path.split('/')[2]],
      ...(route.access === 'public' || route.access === 'any' ? {} : { 'x-permission': route.access }),
      security: SECURITY[route.access],
      ...(params.length ? { parameters: params } : {}),
      ...(body ? { requestBody: body } : {}),
      responses: { ...successResponses(route), ...errorResponses(route) },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Signalbox API',
      version: '1',
      description:
        'The JSON API the Signalbox console uses. Every error has the shape {"error": {"code", "message", "details"?}}; ' +
        'a method a path does not support answers 405 METHOD_NOT_ALLOWED with an Allow header. Mutations from a ' +
        "browser must come from the console's own origin.",
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    paths,
    components: {
      schemas: { ApiError: jsonSchema(ApiErrorBodySchema, 'output') },
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'signalbox.session_token',
          description: 'signed in through POST /api/session',
        },
        bearer: { type: 'http', scheme: 'bearer', description: 'an API token: Authorization: Bearer sbx_…' },
      },
    },
  };
}
