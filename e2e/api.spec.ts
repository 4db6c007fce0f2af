import type { APIResponse } from '@playwright/test';
import { expect, test } from './fixtures';

interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

/** Asserts the API's one error shape, with the status and code expected, and returns the error. */
async function expectError(response: APIResponse, status: number, code: string): Promise<ErrorBody['error']> {
  expect(response.status(), await response.text()).toBe(status);
  expect(response.headers()['content-type']).toContain('application/json');
  const body = (await response.json()) as ErrorBody;
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  return body.error;
}

const UNKNOWN_RUN = '00000000-0000-4000-8000-000000000000';

test.describe('JSON API', () => {
  test('400: invalid JSON, unknown fields and field errors', async ({ request }) => {
    await expectError(
      await request.post('/api/runs', {
        data: Buffer.from('{"pipelineId": "hello-etl", "input": '),
        headers: { 'content-type': 'application/json' },
      }),
      400,
      'INVALID_JSON',
    );

    const fields = await expectError(
      await request.post('/api/runs', { data: { pipelineId: 'hello-etl', input: { source: '', rows: -1 } } }),
      400,
      'VALIDATION_FAILED',
    );
    expect(fields.details?.fields).toEqual([
      { path: 'source', message: 'source is required' },
      { path: 'rows', message: expect.stringContaining('>=0') },
    ]);

    const unknown = await expectError(
      await request.post('/api/runs', {
        data: { pipelineId: 'hello-etl', input: { source: 'a' }, extra: 1 },
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(JSON.stringify(unknown.details)).toContain('extra');

    const limit = await expectError(await request.get('/api/runs?limit=500'), 400, 'VALIDATION_FAILED');
    expect(limit.details?.fields).toEqual([{ path: 'limit', message: 'limit must be at most 200' }]);

    await expectError(
      await request.post(`/api/runs/${UNKNOWN_RUN}/events`, { data: { reason: 'no type' } }),
      400,
      'VALIDATION_FAILED',
    );
  });

  test('404: unknown runs and pipelines', async ({ request }) => {
    await expectError(await request.get(`/api/runs/${UNKNOWN_RUN}`), 404, 'RUN_NOT_FOUND');
    await expectError(await request.get('/api/runs/not-a-run-id'), 404, 'RUN_NOT_FOUND');
    await expectError(await request.get(`/api/runs/${UNKNOWN_RUN}/transitions`), 404, 'RUN_NOT_FOUND');
    await expectError(await request.get(`/api/runs/${UNKNOWN_RUN}/attempts`), 404, 'RUN_NOT_FOUND');
    await expectError(
      await request.post(`/api/runs/${UNKNOWN_RUN}/retry`, { data: { reason: 'x' } }),
      404,
      'RUN_NOT_FOUND',
    );
    await expectError(
      await request.post(`/api/runs/${UNKNOWN_RUN}/cancel`, { data: {} }),
      404,
      'RUN_NOT_FOUND',
    );
    await expectError(await request.get('/api/pipelines/no-such-pipeline'), 404, 'PIPELINE_NOT_FOUND');
    await expectError(
      await request.post('/api/runs', { data: { pipelineId: 'no-such-pipeline', input: {} } }),
      404,
      'PIPELINE_NOT_FOUND',
    );
  });

  test('405: wrong methods, with an Allow header', async ({ request }) => {
    const onList = await request.delete('/api/runs');
    const error = await expectError(onList, 405, 'METHOD_NOT_ALLOWED');
    expect(onList.headers().allow).toBe('GET, POST');
    expect(error.details).toEqual({ allowed: ['GET', 'POST'] });

    const onRetry = await request.get(`/api/runs/${UNKNOWN_RUN}/retry`);
    await expectError(onRetry, 405, 'METHOD_NOT_ALLOWED');
    expect(onRetry.headers().allow).toBe('POST');

    const onRun = await request.put(`/api/runs/${UNKNOWN_RUN}`, { data: {} });
    await expectError(onRun, 405, 'METHOD_NOT_ALLOWED');
    expect(onRun.headers().allow).toBe('GET');
  });

  test('201, then 200 with the same run for a repeated idempotency key', async ({ request, unique }) => {
    const body = {
      pipelineId: 'hello-etl',
      input: { source: 'api.csv', stepDelayMs: 0 },
      idempotencyKey: unique('e2e-api-key'),
    };
    const first = await request.post('/api/runs', { data: body });
    expect(first.status()).toBe(201);
    const created = (await first.json()) as { run: { id: string; idempotencyKey: string }; created: boolean };
    expect(created.created).toBe(true);
    expect(created.run.idempotencyKey).toBe(body.idempotencyKey);

    const again = await request.post('/api/runs', { data: body });
    expect(again.status()).toBe(200);
    const repeated = (await again.json()) as { run: { id: string }; created: boolean };
    expect(repeated).toMatchObject({ created: false, run: { id: created.run.id } });

    const listed = await request.get(`/api/runs?q=${body.idempotencyKey}`);
    expect(((await listed.json()) as { runs: unknown[] }).runs).toHaveLength(1);
  });

  test('409: an action the state does not allow, and a stale expected version', async ({
    request,
    seed,
    unique,
  }) => {
    const run = await seed.startRun('hello-etl', { source: `${unique('e2e-api-409')}.csv`, stepDelayMs: 0 });
    const done = await seed.waitForRun(run.id);
    expect(done.status).toBe('succeeded');

    const view = await request.get(`/api/runs/${run.id}`);
    expect(view.status()).toBe(200);
    expect(await view.json()).toMatchObject({
      run: { id: run.id, state: 'done', status: 'succeeded', version: done.version, allowedActions: [] },
    });
    const transitions = await request.get(`/api/runs/${run.id}/transitions`);
    expect(
      ((await transitions.json()) as { transitions: { toState: string }[] }).transitions.at(-1),
    ).toMatchObject({
      toState: 'done',
    });
    const attempts = await request.get(`/api/runs/${run.id}/attempts`);
    expect(((await attempts.json()) as { attempts: unknown[] }).attempts).toHaveLength(3);

    const notAllowed = await expectError(
      await request.post(`/api/runs/${run.id}/retry`, { data: { reason: 'again' } }),
      409,
      'TRANSITION_NOT_ALLOWED',
    );
    expect(notAllowed.details).toMatchObject({ state: 'done', status: 'succeeded', allowedActions: [] });

    await expectError(
      await request.post(`/api/runs/${run.id}/events`, { data: { type: 'approve' } }),
      409,
      'TRANSITION_NOT_ALLOWED',
    );

    const stale = await expectError(
      await request.post(`/api/runs/${run.id}/cancel`, { data: { reason: 'stop', expectedVersion: 1 } }),
      409,
      'CONCURRENT_TRANSITION',
    );
    expect(stale.details).toMatchObject({
      expectedVersion: 1,
      version: done.version,
      state: 'done',
      status: 'succeeded',
    });
  });

  test('413: a body over 1 MB is refused', async ({ request }) => {
    const source = 'x'.repeat(1024 * 1024 + 1);
    const error = await expectError(
      await request.post('/api/runs', { data: { pipelineId: 'hello-etl', input: { source } } }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
    expect(error.details).toEqual({ maxBytes: 1024 * 1024 });
  });

  test('403: a state-changing request from another site', async ({ request }) => {
    await expectError(
      await request.post('/api/runs', {
        data: { pipelineId: 'hello-etl', input: { source: 'csrf.csv' } },
        headers: { origin: 'https://evil.example' },
      }),
      403,
      'FORBIDDEN',
    );
  });
});
