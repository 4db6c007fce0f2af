import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setup } from 'xstate';
import { z } from 'zod';
import { listAttempts } from '../../db/queries/list-attempts';
import { listTransitions } from '../../db/queries/list-transitions';
import { actor } from '../../test-support/test-actors';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import { testEngine, testWorker, waitForRun } from '../../test-support/test-engine';
import type { WorkerHandle } from '../../worker/run-worker';
import { definePipeline, type StepEvents } from '../definition/define-pipeline';
import type { Engine } from '../engine';
import { startRun } from './start-run';

let db: TestDatabase;
let engine: Engine;
let worker: WorkerHandle;
const calls = new Map<string, number>();

// An attempt's start is committed without waiting for its WAL flush; a PostgreSQL crash can lose
// it while the step runs. The handler here deletes its own attempt row on its first call, as such
// a crash would leave the database.
const forgetful = definePipeline({
  id: 'test-lost-attempt-start',
  version: 1,
  title: 'Lost attempt start',
  description: 'its first attempt row disappears while the step runs',
  input: z.object({}),
  machine: setup({ types: { events: {} as StepEvents<{ work: string }> } }).createMachine({
    id: 'lost',
    initial: 'working',
    states: {
      working: { meta: { step: 'work' }, on: { 'step.work.done': 'done', 'step.work.failed': 'failed' } },
      done: { type: 'final' },
      failed: { type: 'final', tags: ['failed'] },
    },
  }),
  steps: {
    work: {
      run: async ({ runId }) => {
        const n = (calls.get(runId) ?? 0) + 1;
        calls.set(runId, n);
        if (n === 1) await db.db.execute(sql`delete from step_attempts where run_id = ${runId}::uuid`);
        return `call ${n}`;
      },
    },
  },
});

beforeAll(async () => {
  db = await createTestDatabase();
  engine = testEngine(db, [forgetful]);
  worker = await testWorker(db, engine);
});
afterAll(async () => {
  await worker.stop();
  await db.drop();
});

describe('an attempt whose start was lost', () => {
  it('commits no transition for it; the job runs the step again and the run moves on once', async () => {
    const { run } = await startRun(engine, { pipelineId: forgetful.id, input: {} }, actor('tester'));
    const done = await waitForRun(engine, run.id);
    expect(done.status).toBe('succeeded');
    expect(calls.get(run.id)).toBe(2);
    const transitions = await listTransitions(engine.db, run.id);
    expect(transitions.filter((t) => t.event === 'step.work.done')).toHaveLength(1);
    const attempts = await listAttempts(engine.db, run.id);
    expect(attempts.map((a) => a.outcome)).toEqual(['succeeded']);
  });
});
