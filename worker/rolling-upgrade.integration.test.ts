import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { definePipeline } from '../core/definition/define-pipeline';
import { PipelineRegistry } from '../core/definition/pipeline-registry';
import { startRun } from '../core/runs/start-run';
import { getRun } from '../db/queries/get-run';
import { listAttempts } from '../db/queries/list-attempts';
import type { RunRecord } from '../db/queries/run-record';
import { setUpTestEngine } from '../test-support/set-up-test-engine';
import { actor } from '../test-support/test-actors';
import { hasStatus, testWorker, waitForRun } from '../test-support/test-engine';
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

const t = setUpTestEngine([release(1), release(2)]);

describe('a rolling upgrade', () => {
  it('old workers hand back runs of a version they do not know; new workers run them, and old versions too', async () => {
    const { db, engine: newRelease } = t;
    const oldRelease = { ...newRelease, registry: new PipelineRegistry([release(1)]) };
    const oldWorker = await testWorker(db, oldRelease);
    let v2: RunRecord;
    try {
      const v1 = (await startRun(oldRelease, { pipelineId: 'test-upgrade', input: {} }, actor('old-console')))
        .run;
      v2 = (await startRun(newRelease, { pipelineId: 'test-upgrade', input: {} }, actor('new-console'))).run;
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
    } finally {
      // The old release drains (while both run, either may take the job: the old one hands it back again).
      await oldWorker.stop();
    }

    const newWorker = await testWorker(db, newRelease);
    try {
      const done = await waitForRun(newRelease, v2.id, hasStatus('succeeded'), 30_000);
      expect(done.pipelineVersion).toBe(2);
      // The same attempt (same idempotency key), taken up again by the new worker.
      const attempts = await listAttempts(db.db, v2.id);
      expect(attempts.map((a) => [a.attempt, a.outcome, a.workerId])).toEqual([
        [1, 'succeeded', newWorker.workerId],
      ]);
      // A run the old release started on version 1 finishes on the new release (1 stays registered).
      const v1 = (await startRun(oldRelease, { pipelineId: 'test-upgrade', input: {} }, actor('old-console')))
        .run;
      expect(await waitForRun(newRelease, v1.id)).toMatchObject({ pipelineVersion: 1, status: 'succeeded' });
    } finally {
      await newWorker.stop();
    }
  }, 60_000);
});
