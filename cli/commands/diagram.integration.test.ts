import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../core/engine';
import { startRun } from '../../core/runs/start-run';
import { helloEtl } from '../../pipelines/hello-etl/hello-etl.pipeline';
import { actor } from '../../test-support/test-actors';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import { testEngine, testWorker, waitForRun } from '../../test-support/test-engine';
import type { WorkerHandle } from '../../worker/run-worker';
import { chromiumPath } from '../diagram-browser';

let db: TestDatabase;
let engine: Engine;
let worker: WorkerHandle;
let runId: string;

/** Runs the real `signalbox` command against the test database. */
function signalbox(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['cli/signalbox.mjs', ...args], {
      cwd: join(import.meta.dirname, '..', '..'),
      env: { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'warn' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  db = await createTestDatabase();
  engine = testEngine(db, [helloEtl]);
  worker = await testWorker(db, engine);
  const { run } = await startRun(
    engine,
    { pipelineId: 'hello-etl', input: { source: 'diagram.csv', stepDelayMs: 0 } },
    actor('test'),
  );
  runId = run.id;
  await waitForRun(engine, runId);
});
afterAll(async () => {
  await worker?.stop();
  await db?.drop();
});

describe('signalbox diagram --run', () => {
  it("prints the run's diagram as Mermaid with its path highlighted", async () => {
    const { code, stdout } = await signalbox(['diagram', '--run', runId]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^stateDiagram-v2\n/);
    expect(stdout).toContain('class done current');
    expect(stdout).toContain('class extracting visited');
    expect(stdout).toContain('extracting --> transforming : extract done');
  }, 60_000);

  it('refuses an unknown run and an unknown format', async () => {
    const unknown = await signalbox(['diagram', '--run', '00000000-0000-4000-8000-000000000000']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('not found');
    const format = await signalbox(['diagram', '--run', runId, '--format', 'gif']);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('--format must be mermaid, svg or png');
  }, 60_000);

  it.skipIf(!chromiumPath())(
    'draws it as SVG and PNG files with the console renderer',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'sb-diagram-'));
      const svg = await signalbox(['diagram', '--run', runId, '--format', 'svg', '-o', join(dir, 'run.svg')]);
      expect(svg.stderr).toBe('');
      expect(svg.code).toBe(0);
      const text = readFileSync(join(dir, 'run.svg'), 'utf8');
      expect(text.startsWith('<svg')).toBe(true);
      expect(text).toContain('>transforming<');
      expect(text).toContain('class="node current statediagram-state"');
      const png = await signalbox(['diagram', '--run', runId, '--format', 'png', '-o', join(dir, 'run.png')]);
      expect(png.code).toBe(0);
      const bytes = readFileSync(join(dir, 'run.png'));
      expect(bytes.subarray(1, 4).toString()).toBe('PNG');
      expect(bytes.readUInt32BE(16)).toBeGreaterThan(200);
    },
    120_000,
  );
});
