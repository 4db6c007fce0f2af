import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { setup } from 'xstate';
import { z } from 'zod';
import { createLogger } from '../../config/logger';
import { setUpTestEngine } from '../../test-support/set-up-test-engine';
import { actor } from '../../test-support/test-actors';
import { hasStatus, testWorker, waitForRun } from '../../test-support/test-engine';
import { definePipeline } from '../definition/define-pipeline';
import { startRun } from './start-run';

const BRANCHES = 40;

/** A parallel state of BRANCHES regions, each with a step of its own that ends at once. */
function fanOut() {
  const regions = Object.fromEntries(
    Array.from({ length: BRANCHES }, (_, i) => [
      `b${i}`,
      {
        initial: 'work',
        states: {
          work: {
            meta: { step: `leaf${i}` },
            on: { [`step.leaf${i}.done`]: 'ok', [`step.leaf${i}.failed`]: 'ok' },
          },
          ok: { type: 'final' as const },
        },
      },
    ]),
  );
  return definePipeline({
    id: 'test-fan-out',
    version: 1,
    title: 'Fan-out',
    description: `${BRANCHES} parallel steps`,
    input: z.object({}),
    machine: setup({}).createMachine({
      id: 'fan-out',
      initial: 'fan',
      states: { fan: { type: 'parallel', states: regions, onDone: 'done' }, done: { type: 'final' } },
    }),
    steps: Object.fromEntries(
      Array.from({ length: BRANCHES }, (_, i) => [`leaf${i}`, { run: async () => ({}) }]),
    ),
  });
}

const t = setUpTestEngine([fanOut()]);

describe('the parallel steps of one run ending at once', () => {
  it('each settle exactly once, and the run goes on from every one of them', async () => {
    const problems: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) {
          const entry = JSON.parse(line) as { level: number; msg: string; err?: unknown };
          if (entry.level >= 40) problems.push(`${entry.msg} ${JSON.stringify(entry.err ?? '')}`);
        }
        done();
      },
    });
    const logger = createLogger({ LOG_FORMAT: 'json', LOG_LEVEL: 'warn' }, 'worker', 'warn', { destination });
    const worker = await testWorker(t.db, t.engine, { logger, concurrency: 10 });
    try {
      const { run } = await startRun(t.engine, { pipelineId: 'test-fan-out', input: {} }, actor('tester'));
      await waitForRun(t.engine, run.id, hasStatus('succeeded'));
      const attempts = await t.db.sql<{ outcome: string; n: number }[]>`
        select outcome, count(*)::int as n from step_attempts where run_id = ${run.id} group by outcome`;
      expect(attempts).toEqual([{ outcome: 'succeeded', n: BRANCHES }]);
      const [counted] = await t.db.sql<{ n: number }[]>`
        select count(*)::int as n from transitions where run_id = ${run.id}`;
      // The start, then one per branch (the last one also leaves the parallel state).
      expect(counted?.n).toBe(1 + BRANCHES);
      expect(problems).toEqual([]);
    } finally {
      await worker.stop();
    }
  });
});
