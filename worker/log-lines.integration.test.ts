import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../config/logger';
import { startRun } from '../core/runs/start-run';
import { helloEtl } from '../pipelines/hello-etl/hello-etl.pipeline';
import { setUpTestEngine } from '../test-support/set-up-test-engine';
import { actor } from '../test-support/test-actors';
import { hasStatus, testWorker, waitForRun } from '../test-support/test-engine';
import { flakyPipeline } from '../test-support/test-pipelines';

const t = setUpTestEngine([helloEtl, flakyPipeline]);
const lines: Record<string, unknown>[] = [];
const MARKER = 'PAYLOAD-MARKER-4f1c';

describe('worker log lines', () => {
  it('are JSON with the documented fields, one per step attempt, and no payload', async () => {
    const destination = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const logger = createLogger({ LOG_FORMAT: 'json', LOG_LEVEL: 'info' }, 'worker', 'info', { destination });
    const { db, engine } = t;
    const worker = await testWorker(db, engine, { logger });
    try {
      const etl = (
        await startRun(
          engine,
          { pipelineId: 'hello-etl', input: { source: MARKER, rows: 3 } },
          actor('tester'),
        )
      ).run;
      const flaky = (
        await startRun(engine, { pipelineId: 'test-flaky', input: { failTimes: 1 } }, actor('tester'))
      ).run;
      await waitForRun(engine, etl.id, hasStatus('succeeded'));
      await waitForRun(engine, flaky.id, hasStatus('succeeded'));
    } finally {
      await worker.stop();
    }

    for (const line of lines) {
      expect(line).toMatchObject({
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        level: expect.stringMatching(/^(debug|info|warn|error|fatal)$/),
        name: 'worker',
        pid: process.pid,
        msg: expect.any(String),
        workerId: worker.workerId,
      });
    }
    const attempts = lines.filter((line) => line.msg === 'step attempt ended');
    const of = (pipelineId: string) =>
      attempts
        .filter((l) => l.pipelineId === pipelineId)
        .map(({ state, step, attempt, outcome }) => ({ state, step, attempt, outcome }));
    expect(of('hello-etl')).toEqual([
      { state: 'extracting', step: 'extract', attempt: 1, outcome: 'succeeded' },
      { state: 'transforming', step: 'transform', attempt: 1, outcome: 'succeeded' },
      { state: 'loading', step: 'load', attempt: 1, outcome: 'succeeded' },
    ]);
    expect(of('test-flaky')).toEqual([
      { state: 'working', step: 'flaky', attempt: 1, outcome: 'failed' },
      { state: 'working', step: 'flaky', attempt: 2, outcome: 'succeeded' },
    ]);
    for (const line of attempts) {
      expect(line).toMatchObject({ runId: expect.any(String), durationMs: expect.any(Number) });
    }
    expect(JSON.stringify(lines)).not.toContain(MARKER);
  });
});
