import { readFileSync } from 'node:fs';
import { E2E } from '../playwright.config';
import { expect, test } from './fixtures';

test.describe('health and metrics', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('/api/health and /api/ready answer without a session, with nothing but their status', async ({
    request,
  }) => {
    const health = await request.get('/api/health');
    expect(health.status()).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect(health.headers()['cache-control']).toBe('no-store');
    const ready = await request.get('/api/ready');
    expect(ready.status()).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', database: 'ok', migrations: 'current' });
    expect((await request.post('/api/health')).status()).toBe(405);
  });

  test('/api/metrics needs the metrics token and counts what the console does', async ({
    request,
    playwright,
    auth,
  }) => {
    expect((await request.get('/api/metrics')).status()).toBe(401);
    expect(
      (
        await request.get('/api/metrics', { headers: { authorization: 'Bearer not-the-token-at-all' } })
      ).status(),
    ).toBe(401);

    const operator = await playwright.request.newContext({
      baseURL: E2E.baseURL,
      storageState: auth.operatorState,
    });
    const started = await operator.post('/api/runs', {
      data: { pipelineId: 'hello-etl', input: { source: 'metrics-spec', rows: 3 } },
    });
    expect(started.status()).toBe(201);
    const { run } = (await started.json()) as { run: { id: string } };
    await operator.dispose();

    const scrape = await request.get('/api/metrics', {
      headers: { authorization: `Bearer ${E2E.metricsToken}` },
    });
    expect(scrape.status()).toBe(200);
    expect(scrape.headers()['content-type']).toContain('text/plain');
    const text = await scrape.text();
    const startedCount = text.match(
      /^signalbox_runs_started_total\{pipeline="hello-etl",process="console"\} (\d+)$/m,
    );
    expect(Number(startedCount?.[1])).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^signalbox_sse_clients\{process="console"\} \d+$/m);
    expect(text).toMatch(/^signalbox_live_workers\{process="console"\} [1-9]\d*$/m);
    expect(text).toMatch(/^process_resident_memory_bytes\{process="console"\} \d+/m);
    expect(text).not.toContain(run.id);
  });

  test('console log lines are JSON with the documented fields and the request id', async ({
    playwright,
    auth,
    unique,
  }) => {
    const requestId = unique('e2e-request');
    const operator = await playwright.request.newContext({
      baseURL: E2E.baseURL,
      storageState: auth.operatorState,
    });
    const started = await operator.post('/api/runs', {
      data: { pipelineId: 'hello-etl', input: { source: 'request-id-spec', rows: 1 } },
      headers: { 'x-request-id': requestId },
    });
    expect(started.status()).toBe(201);
    expect(started.headers()['x-request-id']).toBe(requestId);
    await operator.dispose();

    const logged = () =>
      readFileSync(E2E.serverLog, 'utf8')
        .split('\n')
        .filter((line) => line.includes(requestId))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    await expect.poll(() => logged().length).toBeGreaterThan(0);
    expect(logged()).toContainEqual(
      expect.objectContaining({
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        level: 'info',
        name: 'console',
        msg: 'run started',
        pipelineId: 'hello-etl',
        runId: expect.any(String),
        requestId,
      }),
    );
  });
});
