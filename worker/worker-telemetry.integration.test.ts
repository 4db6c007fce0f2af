import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../core/engine';
import { silentLogger } from '../core/logger';
import { performOperatorAction } from '../core/runs/perform-operator-action';
import { startRun } from '../core/runs/start-run';
import { actor } from '../test-support/test-actors';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database';
import { hasStatus, testEngine, testWorker, waitForRun } from '../test-support/test-engine';
import { blockingPipeline, flakyPipeline, probe } from '../test-support/test-pipelines';
import type { WorkerHandle } from './run-worker';
import { startWorkerTelemetry, type WorkerTelemetry } from './worker-telemetry';

let db: TestDatabase;
let engine: Engine;
let telemetry: WorkerTelemetry;
let worker: WorkerHandle | undefined;

beforeAll(async () => {
  db = await createTestDatabase();
  telemetry = await startWorkerTelemetry({
    port: 0,
    process: 'worker',
    logger: silentLogger,
    readiness: () => worker?.readiness() ?? 'starting',
  });
  engine = { ...testEngine(db, [flakyPipeline, blockingPipeline]), observer: telemetry.observer };
});
afterAll(async () => {
  await worker?.stop();
  await telemetry.close();
  await db.drop();
});

const get = async (path: string) => {
  const response = await fetch(`http://127.0.0.1:${telemetry.port}${path}`);
  return { status: response.status, text: await response.text() };
};

/** The value of one series in Prometheus text, e.g. `signalbox_live_workers` or `x{a="b"}` (labels sorted as printed). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = line.match(/^([a-z_:]+)(?:\{(.*)\})? (\S+)$/);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]] as const),
    );
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[3]);
  }
  return undefined;
}

describe('the worker health port', () => {
  it('answers /health at once and /ready only once the worker has written a heartbeat', async () => {
    expect(await get('/health')).toEqual({ status: 200, text: '{"status":"ok"}' });
    expect(await get('/ready')).toEqual({ status: 503, text: '{"status":"starting"}' });
    telemetry.watchCluster(db.url);
    worker = await testWorker(db, engine, { observer: telemetry.observer });
    expect(await get('/ready')).toEqual({ status: 200, text: '{"status":"ready"}' });
    expect((await get('/nope')).status).toBe(404);
  });

  it('counts runs, transitions, step attempts, retries and operator actions, labelled without run ids', async () => {
    const recovered = (
      await startRun(engine, { pipelineId: 'test-flaky', input: { failTimes: 1 } }, actor('tester'))
    ).run;
    const failed = (
      await startRun(engine, { pipelineId: 'test-flaky', input: { failTimes: 9 } }, actor('tester'))
    ).run;
    await waitForRun(engine, recovered.id, hasStatus('succeeded'));
    await waitForRun(engine, failed.id, hasStatus('failed'));
    await expect(
      performOperatorAction(engine, { kind: 'cancel', request: { runId: recovered.id } }, actor('tester')),
    ).rejects.toMatchObject({ code: 'TRANSITION_NOT_ALLOWED' });
    await performOperatorAction(engine, { kind: 'cancel', request: { runId: failed.id } }, actor('tester'));

    const { status, text } = await get('/metrics');
    expect(status).toBe(200);
    const flaky = { pipeline: 'test-flaky', process: 'worker' };
    expect(sample(text, 'signalbox_runs_started_total', flaky)).toBe(2);
    expect(sample(text, 'signalbox_runs_finished_total', { ...flaky, status: 'succeeded' })).toBe(1);
    // The failed run, then cancelled by an operator: it finished once, as failed.
    expect(sample(text, 'signalbox_runs_finished_total', { ...flaky, status: 'failed' })).toBe(1);
    // Two starts, two step outcomes, one cancel.
    expect(sample(text, 'signalbox_transitions_total', flaky)).toBe(5);
    const attempts = (outcome: string) =>
      sample(text, 'signalbox_step_duration_seconds_count', { ...flaky, step: 'flaky', outcome });
    expect([attempts('succeeded'), attempts('failed')]).toEqual([1, 4]);
    expect(sample(text, 'signalbox_step_retries_total', { ...flaky, step: 'flaky' })).toBe(3);
    expect(
      sample(text, 'signalbox_operator_actions_total', { action: 'run.cancel', outcome: 'accepted' }),
    ).toBe(1);
    expect(
      sample(text, 'signalbox_operator_actions_total', { action: 'run.cancel', outcome: 'refused' }),
    ).toBe(1);
    expect(sample(text, 'signalbox_live_workers')).toBe(1);
    expect(sample(text, 'signalbox_database_up')).toBe(1);
    expect(sample(text, 'signalbox_queue_jobs', { state: 'ready' })).toBe(0);
    expect(sample(text, 'signalbox_runs_running')).toBe(0);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(text).not.toContain(recovered.id);
    expect(text).not.toContain(failed.id);
  });

  it('is not ready while draining', async () => {
    const run = (
      await startRun(engine, { pipelineId: 'test-blocking', input: { blockMs: 500 } }, actor('tester'))
    ).run;
    await probe.whenStarted(run.id);
    const stopping = worker!.stop();
    expect(await get('/ready')).toEqual({ status: 503, text: '{"status":"draining"}' });
    expect((await get('/health')).status).toBe(200);
    await stopping;
  });
});
