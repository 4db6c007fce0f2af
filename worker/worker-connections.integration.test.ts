import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setup } from 'xstate';
import { z } from 'zod';
import { defineCapability } from '../core/definition/capability';
import { definePipeline } from '../core/definition/define-pipeline';
import type { Engine } from '../core/engine';
import { startRun } from '../core/runs/start-run';
import { actor } from '../test-support/test-actors';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database';
import { testEngine, testWorker, waitForRun } from '../test-support/test-engine';
import { STEP_PATH_CONNECTIONS } from './run-worker';

/** A capability that tells which connection pool a handler's queries go through. */
const whereAmI = defineCapability('where-am-i', ({ engine }) => ({
  async applicationName(): Promise<string> {
    const [row] = await engine.db.execute<{ app: string }>(
      sql`select application_name as app from pg_stat_activity where pid = pg_backend_pid()`,
    );
    return row!.app;
  },
}));

const seen: string[] = [];

/** Three steps, each asking the capability where its queries go. */
const askingPipeline = definePipeline({
  id: 'test-asking',
  version: 1,
  title: 'Asking',
  description: 'each step records the pool its queries use',
  input: z.object({}),
  machine: setup({ types: { events: {} as { type: string } } }).createMachine({
    id: 'asking',
    initial: 'a',
    states: {
      a: { meta: { step: 'ask' }, on: { 'step.ask.done': 'b', 'step.ask.failed': 'failed' } },
      b: { meta: { step: 'ask' }, on: { 'step.ask.done': 'c', 'step.ask.failed': 'failed' } },
      c: { meta: { step: 'ask' }, on: { 'step.ask.done': 'done', 'step.ask.failed': 'failed' } },
      done: { type: 'final' },
      failed: { type: 'final', tags: ['failed'] },
    },
  }),
  steps: {
    ask: {
      async run({ use }) {
        seen.push(await use(whereAmI).applicationName());
        return {};
      },
    },
  },
});

let db: TestDatabase;
let engine: Engine;

beforeAll(async () => {
  db = await createTestDatabase();
  engine = testEngine(db, [askingPipeline]);
});
afterAll(() => db.drop());

describe("a worker's connections", () => {
  it("keep its own statements on a few connections, and handlers' queries on a pool of their own", async () => {
    const worker = await testWorker(db, engine, { concurrency: 10 });
    try {
      const runs = await Promise.all(
        Array.from(
          { length: 30 },
          async () => (await startRun(engine, { pipelineId: 'test-asking', input: {} }, actor('tester'))).run,
        ),
      );
      const finished = await Promise.all(runs.map((run) => waitForRun(engine, run.id)));
      expect(finished.map((run) => run.status)).toEqual(runs.map(() => 'succeeded'));

      // Every handler's query went through the tasks pool, never the worker's own connections.
      expect(seen).toHaveLength(90);
      expect(new Set(seen)).toEqual(new Set(['signalbox-worker-tasks']));

      // 30 runs × 3 steps with 10 at a time: claims, settlements and hand-offs shared a few backends.
      const [own] = await db.db.execute<{ n: number }>(sql`
        select count(*)::int as n from pg_stat_activity
        where application_name = 'signalbox-worker' and datname = current_database()`);
      expect(own!.n).toBeGreaterThan(0);
      expect(own!.n).toBeLessThanOrEqual(STEP_PATH_CONNECTIONS);
    } finally {
      await worker.stop();
    }
  });
});
