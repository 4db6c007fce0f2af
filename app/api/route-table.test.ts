import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import type { ApiRoute } from '../../contracts/api-route';
import { apiRoutes } from '../../contracts/api-routes';
import { ERROR_STATUS } from '../../contracts/error-codes';
import { openApiDocument, routeErrors } from '../../contracts/openapi-document';

const API_DIR = import.meta.dirname;
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** Every `route.ts` under app/api, found on disk (not from a list that could forget one). */
function routeFiles(dir = API_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? routeFiles(join(dir, entry.name))
      : entry.name === 'route.ts'
        ? [join(dir, entry.name)]
        : [],
  );
}

/** `app/api/runs/[id]/route.ts` → `/api/runs/{id}`. */
const pathOf = (file: string) =>
  `/api/${relative(API_DIR, file).split(sep).slice(0, -1).join('/')}`
    .replace(/\[(\w+)\]/g, '{$1}')
    .replace(/\/$/, '');

type Handler = ((request: NextRequest) => Promise<Response> | Response) & { route?: ApiRoute };

describe('the route table', () => {
  it('describes every route handler file under app/api, each method with its own route', async () => {
    const files = routeFiles();
    expect(files.length).toBeGreaterThan(20);
    const served = new Set<ApiRoute>();
    for (const file of files) {
      const module = (await import(file)) as Partial<Record<(typeof METHODS)[number], Handler>>;
      for (const method of METHODS) {
        const handler = module[method];
        expect(handler, `${file} exports ${method}`).toBeTypeOf('function');
        if (handler?.route) {
          expect(`${handler.route.method} ${handler.route.path}`).toBe(`${method} ${pathOf(file)}`);
          expect(Object.values(apiRoutes)).toContain(handler.route);
          served.add(handler.route);
        } else {
          // Not described: then it is a method the path does not support, answered 405.
          const response = await handler!(new NextRequest(`http://localhost${pathOf(file)}`, { method }));
          expect(response.status, `${method} ${pathOf(file)} is neither described nor 405`).toBe(405);
        }
      }
    }
    // And every route of the table has its handler.
    expect(Object.values(apiRoutes).filter((route) => !served.has(route))).toEqual([]);
  });

  it('has one route per method and path, each documented with a summary', () => {
    const keys = Object.values(apiRoutes).map((route) => `${route.method} ${route.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const route of Object.values(apiRoutes)) expect(route.summary.length).toBeGreaterThan(10);
  });
});

describe('the OpenAPI document', () => {
  const document = openApiDocument('http://localhost:3000') as {
    openapi: string;
    paths: Record<string, Record<string, { responses: Record<string, unknown>; operationId: string }>>;
  };

  it('is a valid OpenAPI 3.1 document', async () => {
    expect(document.openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
    // The validator is not a rubber stamp: a broken document is refused.
    const broken = structuredClone(document) as Record<string, unknown>;
    delete broken.info;
    await expect(SwaggerParser.validate(broken as never)).rejects.toThrow();
  });

  it('describes every route with its success answers and every error it may give', () => {
    for (const [name, route] of Object.entries(apiRoutes) as [string, ApiRoute][]) {
      const operation = document.paths[route.path]?.[route.method.toLowerCase()];
      expect(operation?.operationId, `${route.method} ${route.path}`).toBe(name);
      const statuses = Object.keys(operation!.responses);
      for (const status of Object.keys(route.responses)) expect(statuses).toContain(status);
      for (const code of routeErrors(route)) expect(statuses).toContain(String(ERROR_STATUS[code]));
    }
  });

  it('gives the errors of a run action: 404 unknown run, 409 refused or raced, 400/415 bad request', () => {
    const retry = document.paths['/api/runs/{id}/retry']!.post!.responses;
    expect(Object.keys(retry).sort()).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
      '409',
      '413',
      '415',
      '422',
      '500',
    ]);
    expect(JSON.stringify(retry['409'])).toContain('TRANSITION_NOT_ALLOWED');
    expect(JSON.stringify(retry['409'])).toContain('CONCURRENT_TRANSITION');
  });
});
