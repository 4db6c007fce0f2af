import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Engine } from '../core/engine';
import { definePipeline } from '../core/pipeline/define-pipeline';
import { PipelineRegistry } from '../core/pipeline/pipeline-registry';
import { startRun } from '../core/runs/start-run';
import { getRun } from '../db/queries/get-run';
import { listAttempts } from '../db/queries/list-attempts';
import { actor } from '../test-support/test-actors';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database';
import { hasStatus, testEngine, testWorker, waitForRun } from '../test-support/test-engine';
import { flakyPipeline } from '../test-support/test-pipelines';

/** The same one-step machine, released twice: version 2 is what the new release starts runs on. */
const release = (version: number) =>
  definePipeline({
    id: 'test-upgrade',
    version,
    title: 'Upgrade',
    description: `version ${version}`,
    input: z.object({}),
    machine: flakyPipeline.machine,
    steps: {
      flaky: {
        async run() {
          return { version };
        },
      },
    },
  });

let db: TestDatabase;
let newRelease: Engine;
let oldRelease: Engine;

beforeAll(async () => {
  db = await createTestDatabase();
  newRelease = testEngine(db, [release(1), release(2)]);
  oldRelease = { ...newRelease, registry: new PipelineRegistry([release(1)]) };
});
afterAll(() => db.drop());

describe('a rolling upgrade, old and new workers side by side', () => {
  it('leaves runs of the new version to new workers, and runs each run on the version it started with', async () => {
    const oldWorker = await testWorker(db, oldRelease);
    try {
      const v1 = (await startRun(oldRelease, { pipelineId: 'test-upgrade', input: {} }, actor('old-console')))
        .run;
      const v2 = (await startRun(newRelease, { pipelineId: 'test-upgrade', input: {} }, actor('new-console')))
        .run;
      expect([v1.pipelineVersion, v2.pipelineVersion]).toEqual([1, 2]);
      await waitForRun(oldRelease, v1.id, hasStatus('succeeded'));
      // The old worker took the new run's job, knew it was not for it, and let it go.
      const deadline = Date.now() + 10_000;
      const interrupted = async () =>
        (await listAttempts(db.db, v2.id)).some((a) => a.outcome === 'interrupted');
      while (!(await interrupted()) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
      expect((await listAttempts(db.db, v2.id)).map((a) => a.outcome)).toEqual(['interrupted']);
      expect((await getRun(db.db, v2.id))?.status).toBe('running');

      const newWorker = await testWorker(db, newRelease);
      try {
        const done = await waitForRun(newRelease, v2.id, hasStatus('succeeded'), 30_000);
        expect(done.pipelineVersion).toBe(2);
        const attempts = await listAttempts(db.db, v2.id);
        // The same attempt (same idempotency key), taken up again by the new worker.
        expect(attempts.map((a) => [a.attempt, a.outcome, a.workerId])).toEqual([
          [1, 'succeeded', newWorker.workerId],
        ]);
        // A version-1 run still finishes on the new release (version 1 stays registered).
        const another = (
          await startRun(oldRelease, { pipelineId: 'test-upgrade', input: {} }, actor('old-console'))
        ).run;
        expect((await waitForRun(newRelease, another.id)).status).toBe('succeeded');
      } finally {
        await newWorker.stop();
      }
    } finally {
      await oldWorker.stop();
    }
  }, 60_000);
});
