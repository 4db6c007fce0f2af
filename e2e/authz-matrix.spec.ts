import { randomUUID } from 'node:crypto';
import type { APIRequestContext, APIResponse } from '@playwright/test';
import { sql } from 'drizzle-orm';
import { apiRoutes } from '../contracts/api-routes';
import { type Permission, type Role, roleCan } from '../core/auth/roles';
import { createApiToken } from '../core/auth/tokens/create-api-token';
import { revokeApiToken } from '../core/auth/tokens/revoke-api-token';
import { E2E } from '../playwright.config';
import { actor } from '../test-support/test-actors';
import { test as base, expect } from './fixtures';

/**
 * The authorization matrix (issue 5, item 7): every page and API route × every kind of caller, each
 * request sent three times — plain, and with a forged `x-middleware-subrequest` header (the CVE-2025-29927
 * shape, for `middleware` and for Next 16's `proxy`) — and all three must get the same answer.
 *
 * API rows send a deliberately minimal request: reads answer 200, mutations get a body that fails
 * validation (400) or names nothing (404), so an allowed caller gets that normal answer and everyone
 * else 401/403 — authorization is decided before anything else, and nothing changes in the database.
 */

type PrincipalName =
  | 'anonymous'
  | 'viewer'
  | 'operator'
  | 'admin'
  | 'operator token'
  | 'revoked token'
  | 'expired session'
  | 'idle session';

interface Principal {
  name: PrincipalName;
  /** The role the server should see, or null when it must see nobody. */
  role: Role | null;
  /** Whether this caller carries a session cookie (pages are for people: tokens get the sign-in page). */
  person: boolean;
  /** The credentials, sent as-is on every request (no cookie jar: the same cookie every time). */
  headers: Record<string, string>;
  api: APIRequestContext;
}

/** Plain, then with the forged headers that once made Next.js skip the middleware. */
const VARIANTS: { name: string; headers: Record<string, string> }[] = [
  { name: 'plain', headers: {} },
  {
    name: 'x-middleware-subrequest: middleware×5',
    headers: { 'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware' },
  },
  {
    name: 'x-middleware-subrequest: proxy×5',
    headers: { 'x-middleware-subrequest': 'proxy:proxy:proxy:proxy:proxy' },
  },
];

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

interface Matrix {
  principals: Principal[];
  /** A finished hello-etl run. */
  runId: string;
}

const test = base.extend<object, { matrix: Matrix }>({
  matrix: [
    async ({ auth, seed, playwright }, use) => {
      const cookieOf = async (role: Role) => {
        const account = await auth.createAccount(role);
        const state = await auth.signedInState(account);
        return { account, cookie: state.cookies.map((c) => `${c.name}=${c.value}`).join('; ') };
      };
      const [viewer, operator, admin, expired, idle] = await Promise.all([
        cookieOf('viewer'),
        cookieOf('operator'),
        cookieOf('admin'),
        cookieOf('admin'),
        cookieOf('admin'),
      ]);
      // Sessions that are over: past Better Auth's absolute lifetime, and unused beyond the idle timeout.
      await seed.engine.db.execute(
        sql`update sessions set expires_at = now() - interval '1 minute'
            where user_id = (select id from users where email = ${expired.account.email})`,
      );
      await seed.engine.db.execute(
        sql`update sessions set updated_at = now() - interval '2 hours'
            where user_id = (select id from users where email = ${idle.account.email})`,
      );
      const live = await createApiToken(
        seed.engine,
        { name: `matrix-${randomUUID().slice(0, 8)}`, role: 'operator' },
        actor('e2e-seed'),
      );
      // An admin token, revoked: the strongest credential there is, once it is gone, is nothing.
      const revoked = await createApiToken(
        seed.engine,
        { name: `matrix-${randomUUID().slice(0, 8)}`, role: 'admin' },
        actor('e2e-seed'),
      );
      await revokeApiToken(seed.engine, revoked.id, actor('e2e-seed'));

      const run = await seed.startRun('hello-etl', {
        source: `matrix-${randomUUID().slice(0, 8)}.csv`,
        stepDelayMs: 0,
      });
      await seed.waitForRun(run.id);

      const specs: Omit<Principal, 'api'>[] = [
        { name: 'anonymous', role: null, person: false, headers: {} },
        { name: 'viewer', role: 'viewer', person: true, headers: { cookie: viewer.cookie } },
        { name: 'operator', role: 'operator', person: true, headers: { cookie: operator.cookie } },
        { name: 'admin', role: 'admin', person: true, headers: { cookie: admin.cookie } },
        {
          name: 'operator token',
          role: 'operator',
          person: false,
          headers: { authorization: `Bearer ${live.token}` },
        },
        {
          name: 'revoked token',
          role: null,
          person: false,
          headers: { authorization: `Bearer ${revoked.token}` },
        },
        { name: 'expired session', role: null, person: false, headers: { cookie: expired.cookie } },
        { name: 'idle session', role: null, person: false, headers: { cookie: idle.cookie } },
      ];
      const principals = await Promise.all(
        specs.map(async (spec) => ({
          ...spec,
          // No storage state: the test's default (the worker's operator) must not leak into other callers.
          api: await playwright.request.newContext({
            baseURL: E2E.baseURL,
            extraHTTPHeaders: spec.headers,
            storageState: { cookies: [], origins: [] },
          }),
        })),
      );
      await use({ principals, runId: run.id });
      for (const principal of principals) await principal.api.dispose();
    },
    { scope: 'worker' },
  ],
});

// ---------------------------------------------------------------------------------------------------
// API routes

type Access = Permission | 'signed-in' | 'public';

interface ApiRow {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** The route as documented, for the test name. */
  route: string;
  path: (runId: string) => string;
  access: Access;
  /** What an allowed caller gets for this minimal request. */
  ok: number;
  /** A JSON body (sent as application/json); mutations send one that fails validation. */
  json?: unknown;
  /** A raw body with its own content type (file uploads). */
  raw?: { body: Buffer; contentType: string };
  /** Read only the status and drop the connection (an endless event stream). */
  stream?: boolean;
}

const get = (route: string, access: Access, path?: (runId: string) => string, ok = 200): ApiRow => ({
  method: 'GET',
  route,
  path: path ?? (() => route),
  access,
  ok,
});

const runPath = (suffix: string) => (runId: string) => `/api/runs/${runId}${suffix}`;

const API: ApiRow[] = [
  get('/api/pipelines', 'runs:read'),
  get('/api/pipelines/:id', 'runs:read', () => '/api/pipelines/hello-etl'),
  get('/api/runs', 'runs:read', () => '/api/runs?limit=5'),
  get('/api/runs/:id', 'runs:read', runPath('')),
  get('/api/runs/:id/page', 'runs:read', runPath('/page')),
  get('/api/runs/:id/transitions', 'runs:read', runPath('/transitions')),
  get('/api/runs/:id/attempts', 'runs:read', runPath('/attempts')),
  get('/api/runs/:id/ingest', 'runs:read', runPath('/ingest')),
  get('/api/runs/:id/quarantine', 'runs:read', runPath('/quarantine')),
  get('/api/runs/:id/quarantine?values=true', 'payload:read', runPath('/quarantine?values=true')),
  get('/api/runs/:id/quarantine.csv', 'payload:read', runPath('/quarantine.csv')),
  get('/api/overview', 'runs:read'),
  get('/api/pipeline-pauses', 'runs:read'),
  get('/api/problems', 'runs:read'),
  get('/api/problems/:id', 'runs:read', () => '/api/problems/999999999', 404),
  get('/api/runs/status-counts', 'runs:read'),
  { ...get('/api/stream', 'runs:read'), stream: true },
  get('/api/session', 'signed-in'),
  get('/api/openapi.json', 'public'),
  get('/api/health', 'public'),
  get('/api/ready', 'public'),
  // Scraped with METRICS_TOKEN, which none of these callers carries: 401 for everyone, sessions included.
  get('/api/metrics', 'public', undefined, 401),
  get('/api/admin/users', 'admin'),
  get('/api/admin/tokens', 'admin'),
  get('/api/admin/audit', 'admin', () => '/api/admin/audit?limit=1'),
  get('/api/admin/webhooks', 'admin'),
  get('/api/admin/webhooks/:id/deliveries', 'admin', () => '/api/admin/webhooks/999999999/deliveries', 404),
  get('/api/admin/audit.csv', 'admin', () => `/api/admin/audit.csv?actor=${UNKNOWN_ID}`),
  { method: 'POST', route: '/api/runs', path: () => '/api/runs', access: 'runs:write', ok: 400, json: {} },
  {
    method: 'POST',
    route: '/api/runs/:id/retry',
    path: runPath('/retry'),
    access: 'runs:write',
    ok: 400,
    json: { expectedVersion: 'not a number' },
  },
  {
    method: 'POST',
    route: '/api/runs/:id/cancel',
    path: runPath('/cancel'),
    access: 'runs:write',
    ok: 400,
    json: { expectedVersion: 'not a number' },
  },
  {
    method: 'POST',
    route: '/api/runs/:id/events',
    path: runPath('/events'),
    access: 'runs:write',
    ok: 400,
    json: { reason: 'no type' },
  },
  {
    method: 'POST',
    route: '/api/runs/retry-failed',
    path: () => '/api/runs/retry-failed',
    access: 'runs:write',
    ok: 400,
    json: {},
  },
  get('/api/runs/:id/fork-point', 'payload:read', runPath('/fork-point')),
  {
    method: 'POST',
    route: '/api/runs/:id/fork',
    path: runPath('/fork'),
    access: 'runs:write',
    ok: 400,
    json: {},
  },
  {
    method: 'POST',
    route: '/api/runs/fork-failed',
    path: () => '/api/runs/fork-failed',
    access: 'runs:write',
    ok: 400,
    json: {},
  },
  {
    method: 'POST',
    route: '/api/runs/:id/timers/fire',
    path: runPath('/timers/fire'),
    access: 'runs:write',
    ok: 400,
    json: {},
  },
  {
    method: 'POST',
    route: '/api/runs/:id/timers/postpone',
    path: runPath('/timers/postpone'),
    access: 'runs:write',
    ok: 400,
    json: {},
  },
  {
    method: 'POST',
    route: '/api/pipelines/:id/files',
    // No ?fileName=: an allowed caller gets 400 before anything is stored.
    path: () => '/api/pipelines/lab-results-csv/files',
    access: 'runs:write',
    ok: 400,
    raw: { body: Buffer.from('patient_id\n'), contentType: 'text/csv' },
  },
  {
    method: 'POST',
    route: '/api/pipelines/:id/pause',
    // No reason: an allowed caller gets 400 and nothing is paused.
    path: () => '/api/pipelines/hello-etl/pause',
    access: 'runs:write',
    ok: 400,
    json: {},
  },
  {
    method: 'POST',
    route: '/api/pipelines/:id/resume',
    path: () => '/api/pipelines/hello-etl/resume',
    access: 'runs:write',
    ok: 400,
    json: { reason: 5 },
  },
  {
    method: 'POST',
    route: '/api/problems/:id/triage',
    path: () => '/api/problems/999999999/triage',
    access: 'runs:write',
    ok: 400,
    json: {},
  },
  {
    method: 'POST',
    route: '/api/problems/:id/retry',
    path: () => '/api/problems/999999999/retry',
    access: 'runs:write',
    ok: 400,
    json: {},
  },
  {
    method: 'POST',
    route: '/api/admin/users',
    path: () => '/api/admin/users',
    access: 'admin',
    ok: 400,
    json: {},
  },
  {
    method: 'PATCH',
    route: '/api/admin/users/:id',
    path: () => `/api/admin/users/${UNKNOWN_ID}`,
    access: 'admin',
    ok: 400,
    json: { role: 'superuser' },
  },
  {
    method: 'POST',
    route: '/api/admin/tokens',
    path: () => '/api/admin/tokens',
    access: 'admin',
    ok: 400,
    json: {},
  },
  {
    method: 'DELETE',
    route: '/api/admin/tokens/:id',
    path: () => `/api/admin/tokens/${UNKNOWN_ID}`,
    access: 'admin',
    ok: 404,
  },
  {
    method: 'POST',
    route: '/api/admin/webhooks',
    path: () => '/api/admin/webhooks',
    access: 'admin',
    ok: 400,
    json: {},
  },
  {
    method: 'PATCH',
    route: '/api/admin/webhooks/:id',
    path: () => '/api/admin/webhooks/999999999',
    access: 'admin',
    ok: 400,
    json: { url: 'ftp://example.test' },
  },
  {
    method: 'DELETE',
    route: '/api/admin/webhooks/:id',
    path: () => '/api/admin/webhooks/999999999',
    access: 'admin',
    ok: 404,
  },
  {
    method: 'POST',
    route: '/api/admin/webhooks/:id/test',
    path: () => '/api/admin/webhooks/999999999/test',
    access: 'admin',
    ok: 404,
  },
];

function expectedApiStatus(row: ApiRow, principal: Principal): number {
  if (row.access === 'public') return row.ok;
  if (principal.role === null) return 401;
  if (row.access === 'signed-in' || roleCan(principal.role, row.access)) return row.ok;
  return 403;
}

/** Sends the row's request as `principal`, with extra headers; answers the status (and the body, unless streamed). */
async function sendApi(
  row: ApiRow,
  principal: Principal,
  runId: string,
  extra: Record<string, string> = {},
  override?: { body: Buffer | string; contentType?: string },
): Promise<{ status: number; body: string }> {
  const path = row.path(runId);
  if (row.stream) {
    // APIRequestContext waits for the whole body; an event stream has no end. Read the status, then hang up.
    const abort = new AbortController();
    const response = await fetch(`${E2E.baseURL}${path}`, {
      headers: { ...principal.headers, ...extra },
      redirect: 'manual',
      signal: abort.signal,
    });
    const body = response.ok ? '' : await response.text();
    abort.abort();
    return { status: response.status, body };
  }
  const headers: Record<string, string> = { ...extra };
  let data: unknown;
  if (override) {
    data = override.body;
    if (override.contentType) headers['content-type'] = override.contentType;
  } else if (row.raw) {
    data = row.raw.body;
    headers['content-type'] = row.raw.contentType;
  } else if (row.json !== undefined) {
    data = row.json;
  }
  const response: APIResponse = await principal.api.fetch(path, {
    method: row.method,
    data,
    headers,
    maxRedirects: 0,
  });
  return { status: response.status(), body: await response.text() };
}

const accessLabel = (access: Access) => (access === 'signed-in' ? 'any signed-in caller' : access);

test('the matrix covers every route of the API table but sign-in and sign-out', () => {
  const described = Object.values(apiRoutes)
    .map((route) => `${route.method} ${route.path.replace(/\{(\w+)\}/g, ':$1')}`)
    .filter((route) => route !== 'POST /api/session' && route !== 'DELETE /api/session');
  const covered = new Set(API.map((row) => `${row.method} ${row.route.split('?')[0]}`));
  expect(described.filter((route) => !covered.has(route))).toEqual([]);
});

test.describe('API authorization matrix', () => {
  for (const row of API) {
    test(`${row.method} ${row.route} (${accessLabel(row.access)})`, async ({ matrix }) => {
      const cells = matrix.principals.flatMap((principal) =>
        VARIANTS.map(async (variant) => {
          const { status, body } = await sendApi(row, principal, matrix.runId, variant.headers);
          return { principal, variant, status, body, expected: expectedApiStatus(row, principal) };
        }),
      );
      for (const cell of await Promise.all(cells)) {
        expect
          .soft(cell.status, `${cell.principal.name} [${cell.variant.name}]: ${cell.body.slice(0, 300)}`)
          .toBe(cell.expected);
      }
    });
  }
});

test.describe('mutations check Origin and Content-Type (for a caller who may)', () => {
  for (const row of API.filter((r) => r.method !== 'GET')) {
    test(`${row.method} ${row.route}`, async ({ matrix }) => {
      const allowed = matrix.principals.find(
        (p) => p.name === (row.access === 'admin' ? 'admin' : 'operator'),
      )!;
      const answer = (extra: Record<string, string>, override?: Parameters<typeof sendApi>[4]) =>
        sendApi(row, allowed, matrix.runId, extra, override).then((r) => r.status);
      const checks: [string, Promise<number>, number][] = [
        ['cross-site Origin', answer({ origin: 'https://evil.example' }), 403],
        ['Origin: null', answer({ origin: 'null' }), 403],
        ['Sec-Fetch-Site: cross-site', answer({ 'sec-fetch-site': 'cross-site' }), 403],
        // Positive control: the console's own origin gets the route's normal answer.
        ['same Origin', answer({ origin: E2E.baseURL }), row.ok],
      ];
      if (row.json !== undefined) {
        const body = JSON.stringify(row.json);
        checks.push(
          ['text/plain body', answer({}, { body, contentType: 'text/plain' }), 415],
          ['form body', answer({}, { body: 'a=1', contentType: 'application/x-www-form-urlencoded' }), 415],
        );
      }
      if (row.raw) {
        checks.push([
          'form body',
          answer({}, { body: 'a=1', contentType: 'application/x-www-form-urlencoded' }),
          415,
        ]);
      }
      const statuses = await Promise.all(checks.map(([, status]) => status));
      checks.forEach(([name, , expected], i) => {
        expect.soft(statuses[i], `${allowed.name}, ${name}`).toBe(expected);
      });
    });
  }
});

// ---------------------------------------------------------------------------------------------------
// Pages

interface PageRow {
  path: (runId: string) => string;
  label: string;
  admin?: boolean;
}

const PAGES: PageRow[] = [
  { label: '/', path: () => '/' },
  { label: '/pipelines', path: () => '/pipelines' },
  { label: '/pipelines/hello-etl', path: () => '/pipelines/hello-etl' },
  { label: '/runs', path: () => '/runs' },
  { label: '/runs/:id', path: (runId) => `/runs/${runId}` },
  { label: '/problems', path: () => '/problems' },
  { label: '/admin', path: () => '/admin', admin: true },
  { label: '/admin/users', path: () => '/admin/users', admin: true },
  { label: '/admin/tokens', path: () => '/admin/tokens', admin: true },
  { label: '/admin/audit', path: () => '/admin/audit', admin: true },
  { label: '/admin/webhooks', path: () => '/admin/webhooks', admin: true },
  { label: '/login', path: () => '/login' },
];

type PageAnswer = 200 | 403 | { redirect: RegExp; streamed?: boolean };

const TO_LOGIN = { redirect: /^(https?:\/\/[^/]+)?\/login(\?|$)/ };

function expectedPage(row: PageRow, principal: Principal): PageAnswer {
  // Pages are for people: only a live session cookie opens them (a Bearer token is for the API).
  const person = principal.person && principal.role !== null;
  if (row.label === '/login') {
    // A signed-in person is sent on to the overview; a Bearer token is for the API and sees the form.
    if (person) return { redirect: /^(https?:\/\/[^/]+)?\/$/ };
    return 200;
  }
  if (!person) return TO_LOGIN;
  if (row.admin && principal.role !== 'admin') return 403;
  // Its page only redirects, below the console's loading boundary: Next.js streams that redirect (a
  // 200 whose document refreshes to the target) — or answers 307 when it can.
  if (row.label === '/admin') return { redirect: /^(https?:\/\/[^/]+)?\/admin\/users$/, streamed: true };
  return 200;
}

const describeAnswer = (answer: PageAnswer) =>
  typeof answer === 'number' ? String(answer) : `redirect ${answer.redirect}`;

test.describe('page authorization matrix', () => {
  for (const row of PAGES) {
    test(`page ${row.label}${row.admin ? ' (admin)' : ''}`, async ({ matrix }) => {
      const cells = matrix.principals.flatMap((principal) =>
        VARIANTS.map(async (variant) => {
          const response = await principal.api.get(row.path(matrix.runId), {
            headers: variant.headers,
            maxRedirects: 0,
          });
          const status = response.status();
          let location = response.headers().location ?? '';
          if (status === 200 && !location) {
            // A streamed redirect: <meta id="__next-page-redirect" http-equiv="refresh" content="0;url=…">.
            const html = await response.text();
            location =
              /<meta id="__next-page-redirect" http-equiv="refresh" content="\d+;url=([^"]+)"/.exec(
                html,
              )?.[1] ?? '';
          }
          return {
            principal,
            variant,
            status,
            location,
            expected: expectedPage(row, principal),
          };
        }),
      );
      for (const cell of await Promise.all(cells)) {
        const what = `${cell.principal.name} [${cell.variant.name}] → ${cell.status} ${cell.location} (expected ${describeAnswer(cell.expected)})`;
        if (typeof cell.expected === 'number') {
          expect.soft(cell.status, what).toBe(cell.expected);
        } else {
          const statuses = cell.expected.streamed ? [200, 302, 303, 307, 308] : [302, 303, 307, 308];
          expect.soft(statuses, what).toContain(cell.status);
          expect.soft(cell.location, what).toMatch(cell.expected.redirect);
        }
      }
    });
  }
});
