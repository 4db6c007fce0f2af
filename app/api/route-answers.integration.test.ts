import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { ApiRoute } from '../../contracts/api-route';
import { routePath, routeSearch } from '../../contracts/api-route';
import { apiRoutes } from '../../contracts/api-routes';
import { ApiErrorBodySchema } from '../../contracts/error-codes';
import type { Role } from '../../core/auth/roles';
import { createApiToken } from '../../core/auth/tokens/create-api-token';
import { startRun } from '../../core/runs/start-run';
import { getDatabase } from '../../db/client';
import { generateLabCsv } from '../../pipelines/lab-results-csv/synthetic-lab-csv';
import { actor } from '../../test-support/test-actors';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import { hasStatus, inState, testWorker, waitForRun } from '../../test-support/test-engine';
import type { WorkerHandle } from '../../worker/run-worker';
import { getEngine } from '../_lib/engine';
import type { RouteHandler } from '../_lib/http/route-handler';

/**
 * The response schemas of the route table describe what the handlers really answer: the main routes
 * are called as the server calls them (the handler modules, a real database, a real worker, API
 * tokens for a viewer, an operator and an admin) and every JSON answer must parse with its route's
 * schema into exactly itself (a field the schema does not know would be stripped, and fail).
 */

let db: TestDatabase;
let worker: WorkerHandle;
const tokens = {} as Record<Role, string>;
let doneRun: string;
let waitingRun: string;
let failedRun: string;
const savedEnv = { ...process.env };

beforeAll(async () => {
  db = await createTestDatabase();
  Object.assign(process.env, {
    DATABASE_URL: db.url,
    SIGNALBOX_AUTH_SECRET: 'route-answers-test-secret-0123456789abcdef',
    LOG_LEVEL: 'silent',
  });
  const engine = getEngine();
  worker = await testWorker(db, engine);
  for (const role of ['viewer', 'operator', 'admin'] as const) {
    tokens[role] = (await createApiToken(engine, { name: `answers-${role}`, role }, actor('test'))).token;
  }
  const start = async (pipelineId: string, input: unknown) =>
    (await startRun(engine, { pipelineId, input }, actor('test'))).run.id;
  doneRun = await start('hello-etl', { source: 'answers.csv', stepDelayMs: 0 });
  failedRun = await start('hello-etl', { source: 'failing.csv', simulateFailures: 5, stepDelayMs: 0 });
  waitingRun = await start('document-review', { documentId: 'D-9', title: 'Answers', stepDelayMs: 0 });
  await waitForRun(engine, doneRun);
  await waitForRun(engine, failedRun, hasStatus('failed'));
  await waitForRun(engine, waitingRun, inState('awaiting_approval'));
});

afterAll(async () => {
  await worker?.stop();
  await getDatabase(db.url).close();
  await db?.drop();
  process.env = savedEnv;
});

type Modules = Record<string, Partial<Record<string, RouteHandler>>>;
const modules: Modules = {};

/** The handler the route table names, from its route file (found by its path). */
async function handlerOf(route: ApiRoute): Promise<RouteHandler> {
  const file = `.${route.path.replace(/^\/api/, '').replace(/\{(\w+)\}/g, '[$1]')}/route.ts`;
  modules[file] ??= await import(file);
  const handler = modules[file]![route.method];
  expect(handler?.route).toBe(route);
  return handler!;
}

/** Calls a route as `role` and checks the JSON answer against the route's schema for its status. */
async function call<R extends ApiRoute>(
  route: R,
  role: Role,
  input: { params?: Record<string, string>; query?: Record<string, string>; body?: unknown } = {},
): Promise<{ status: number; json: unknown }> {
  const url = `http://localhost${routePath(route, input.params)}${routeSearch(input.query)}`;
  const headers: Record<string, string> = { authorization: `Bearer ${tokens[role]}` };
  if (input.body !== undefined) headers['content-type'] = 'application/json';
  const request = new NextRequest(url, {
    method: route.method,
    headers,
    body: input.body === undefined ? undefined : JSON.stringify(input.body),
  });
  const response = await (await handlerOf(route))(request, { params: Promise.resolve(input.params ?? {}) });
  const json: unknown = await response.json();
  const schema = route.responses[response.status as keyof ApiRoute['responses']] as z.ZodType | undefined;
  expect(
    schema,
    `${route.path} answered ${response.status}: ${JSON.stringify(json).slice(0, 300)}`,
  ).toBeDefined();
  expect(schema!.parse(json)).toEqual(json);
  return { status: response.status, json };
}

describe('the route table describes what the handlers answer', () => {
  it('for the run page and its parts, as an operator and as a viewer (payloads hidden)', async () => {
    for (const role of ['operator', 'viewer'] as const) {
      for (const id of [doneRun, waitingRun, failedRun]) {
        const { json } = await call(apiRoutes.getRunPage, role, { params: { id } });
        expect((json as { attempts: unknown[] }).attempts.length).toBeGreaterThan(0);
        await call(apiRoutes.getRun, role, { params: { id } });
        await call(apiRoutes.getRunTransitions, role, { params: { id } });
        await call(apiRoutes.getRunAttempts, role, { params: { id } });
        await call(apiRoutes.getIngestSummary, role, { params: { id } });
        await call(apiRoutes.getQuarantine, role, { params: { id } });
      }
    }
  });

  it('for lists, counts, pipelines and the overview', async () => {
    for (const role of ['operator', 'viewer'] as const) {
      const { json } = await call(apiRoutes.listRuns, role, { query: { limit: '2' } });
      expect((json as { nextCursor: string | null }).nextCursor).not.toBeNull();
      await call(apiRoutes.runStatusCounts, role, { query: { pipeline: 'hello-etl' } });
      await call(apiRoutes.listPipelines, role);
      await call(apiRoutes.getPipeline, role, { params: { id: 'document-review' } });
      await call(apiRoutes.getOverview, role);
      await call(apiRoutes.getSession, role);
    }
  });

  it('for starts and operator actions', async () => {
    const started = await call(apiRoutes.startRun, 'operator', {
      body: {
        pipelineId: 'hello-etl',
        input: { source: 'x.csv', stepDelayMs: 0 },
        idempotencyKey: 'answers-1',
      },
    });
    expect(started.status).toBe(201);
    expect(
      (
        await call(apiRoutes.startRun, 'operator', {
          body: { pipelineId: 'hello-etl', input: { source: 'x.csv' }, idempotencyKey: 'answers-1' },
        })
      ).status,
    ).toBe(200);
    await call(apiRoutes.sendRunEvent, 'operator', {
      params: { id: waitingRun },
      body: { type: 'approve', reason: 'ok' },
    });
    await call(apiRoutes.retryRun, 'operator', { params: { id: failedRun }, body: { reason: 'again' } });
    await waitForRun(getEngine(), failedRun, hasStatus('failed'));
    await call(apiRoutes.cancelRun, 'operator', { params: { id: failedRun }, body: {} });
    await call(apiRoutes.retryFailedRuns, 'operator', {
      body: { filter: { pipeline: 'none' }, expectedCount: 0 },
    });
  });

  it('for pausing, queued runs and the failure inbox', async () => {
    await call(apiRoutes.pausePipeline, 'operator', {
      params: { id: 'feed-sync' },
      body: { reason: 'outage' },
    });
    await call(apiRoutes.listPipelinePauses, 'viewer');
    await call(apiRoutes.startRun, 'operator', { body: { pipelineId: 'feed-sync', input: { feed: 'f' } } });
    const { json } = await call(apiRoutes.listRuns, 'viewer', { query: { status: 'queued' } });
    expect((json as { runs: { queue: unknown }[] }).runs[0]!.queue).toMatchObject({ position: 1, of: 1 });
    await call(apiRoutes.resumePipeline, 'operator', { params: { id: 'feed-sync' }, body: {} });
    for (const role of ['viewer', 'operator'] as const) {
      const { json: list } = await call(apiRoutes.listProblems, role, { query: { status: 'all' } });
      const [problem] = (list as { problems: { id: number; failedRuns: number }[] }).problems;
      expect(problem).toBeDefined();
      await call(apiRoutes.getProblem, role, { params: { id: String(problem!.id) } });
    }
    const { json: list } = await call(apiRoutes.listProblems, 'operator', { query: { status: 'all' } });
    const [problem] = (list as { problems: { id: number; failedRuns: number }[] }).problems;
    const id = String(problem!.id);
    await call(apiRoutes.triageProblem, 'operator', {
      params: { id },
      body: { status: 'ignored', note: 'n' },
    });
    await call(apiRoutes.retryProblemRuns, 'operator', {
      params: { id },
      body: { expectedCount: problem!.failedRuns },
    });
  });

  it('for an upload and its ingestion read models', async () => {
    const csv = generateLabCsv({ seed: 7, rows: 40, badShare: 0.03 });
    const route = apiRoutes.uploadFile;
    const request = new NextRequest(
      `http://localhost${routePath(route, { id: 'lab-results-csv' })}?fileName=answers.csv`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens.operator}`, 'content-type': 'text/csv' },
        body: csv,
      },
    );
    const response = await (await handlerOf(route))(request, {
      params: Promise.resolve({ id: 'lab-results-csv' }),
    });
    const json = (await response.json()) as { run: { id: string } };
    expect(response.status).toBe(201);
    expect(route.responses[201].parse(json)).toEqual(json);
    await waitForRun(getEngine(), json.run.id);
    await call(apiRoutes.getIngestSummary, 'viewer', { params: { id: json.run.id } });
    await call(apiRoutes.getQuarantine, 'viewer', { params: { id: json.run.id } });
    await call(apiRoutes.getQuarantine, 'operator', {
      params: { id: json.run.id },
      query: { values: 'true' },
    });
  });

  it('for administration', async () => {
    await call(apiRoutes.listUsers, 'admin');
    await call(apiRoutes.createUser, 'admin', { body: { email: 'answers@example.test', role: 'viewer' } });
    await call(apiRoutes.listUsers, 'admin');
    await call(apiRoutes.createToken, 'admin', { body: { name: 'answers-new', role: 'viewer' } });
    await call(apiRoutes.listTokens, 'admin');
    const { json } = await call(apiRoutes.listAudit, 'admin', { query: { limit: '5' } });
    expect((json as { events: unknown[] }).events).toHaveLength(5);
  });

  it('for errors, in the one error shape with the status of its code', async () => {
    const route = apiRoutes.getRunPage;
    for (const [id, role, status, code] of [
      ['not-a-run', 'viewer', 404, 'RUN_NOT_FOUND'],
      ['00000000-0000-4000-8000-000000000000', 'operator', 404, 'RUN_NOT_FOUND'],
    ] as const) {
      const request = new NextRequest(`http://localhost${routePath(route, { id })}`, {
        headers: { authorization: `Bearer ${tokens[role]}` },
      });
      const response = await (await handlerOf(route))(request, { params: Promise.resolve({ id }) });
      const json: unknown = await response.json();
      expect(response.status).toBe(status);
      expect(ApiErrorBodySchema.parse(json)).toEqual(json);
      expect(json).toMatchObject({ error: { code } });
    }
  });
});
