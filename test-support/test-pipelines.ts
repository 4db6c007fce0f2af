import { assign, setup } from 'xstate';
import { z } from 'zod';
import { definePipeline, type StepContext, type StepEvents } from '../core/definition/define-pipeline';
import { sleep } from '../core/definition/sleep';

/** Observations the step handlers make, for tests to assert on (per run id). */
export const probe = {
  calls: new Map<string, number>(),
  abortedWith: new Map<string, string>(),
  /** Runs whose blocking step started, each with the waiters told when it did. */
  started: new Map<string, { started: boolean; waiters: (() => void)[] }>(),
  count(runId: string) {
    const n = (probe.calls.get(runId) ?? 0) + 1;
    probe.calls.set(runId, n);
    return n;
  },
  /**
   * Resolves when the blocking step of `runId` has started, or at once if it has already: a worker in
   * the same process may start it before the test's `startRun` call has returned.
   */
  whenStarted(runId: string): Promise<void> {
    const entry = probe.started.get(runId) ?? { started: false, waiters: [] };
    probe.started.set(runId, entry);
    if (entry.started) return Promise.resolve();
    return new Promise((resolve) => entry.waiters.push(resolve));
  },
  /** Called by the blocking step when it starts. */
  markStarted(runId: string): void {
    const entry = probe.started.get(runId) ?? { started: false, waiters: [] };
    probe.started.set(runId, entry);
    entry.started = true;
    for (const waiter of entry.waiters.splice(0)) waiter();
  },
};

const oneStep = (step: string) =>
  setup({
    types: {
      input: {} as { failTimes: number; blockMs: number },
      context: {} as { failTimes: number; blockMs: number; result: unknown; error: unknown },
      // The step name is a parameter here, so the event names are not literal types.
      events: {} as { type: string; output?: unknown; error?: unknown },
    },
  }).createMachine({
    id: step,
    initial: 'working',
    context: ({ input }) => ({ ...input, result: null, error: null }),
    states: {
      working: {
        meta: { step },
        on: {
          [`step.${step}.done`]: {
            target: 'done',
            actions: assign({ result: ({ event }) => event.output ?? null }),
          },
          [`step.${step}.failed`]: {
            target: 'failed',
            actions: assign({ error: ({ event }) => event.error ?? null }),
          },
        },
      },
      done: { type: 'final' },
      failed: { type: 'final', tags: ['failed'] },
    },
  });

const Input = z.object({ failTimes: z.number().int().default(0), blockMs: z.number().int().default(0) });

/** Fails its first `failTimes` calls (counted per run), then succeeds. */
export const flakyPipeline = definePipeline({
  id: 'test-flaky',
  version: 1,
  title: 'Flaky',
  description: 'fails N times',
  input: Input,
  machine: oneStep('flaky'),
  steps: {
    flaky: {
      maxAttempts: 3,
      backoff: { initialMs: 10, maxMs: 20, jitter: 0 },
      async run({ runId, input, attempt, log }) {
        const call = probe.count(runId);
        log.info(`call ${call}, attempt ${attempt}`);
        if (call <= input.failTimes) throw new Error(`planned failure ${call}`);
        return { call };
      },
    },
  },
});

/** Blocks until its signal aborts (timeout, cancel, shutdown) or `blockMs` passes. */
export const blockingPipeline = definePipeline({
  id: 'test-blocking',
  version: 1,
  title: 'Blocking',
  description: 'waits',
  input: Input,
  machine: oneStep('block'),
  steps: {
    block: {
      maxAttempts: 2,
      timeoutMs: 60_000,
      backoff: { initialMs: 10, maxMs: 20, jitter: 0 },
      async run({ runId, input, signal }) {
        probe.count(runId);
        probe.markStarted(runId);
        try {
          await sleep(input.blockMs || 60_000, signal);
        } catch (error) {
          probe.abortedWith.set(
            runId,
            `${(error as Error).name}:${String((signal.reason as { kind?: string })?.kind)}`,
          );
          throw error;
        }
        return { blocked: input.blockMs };
      },
    },
  },
});

/** A step with a 100 ms timeout that ignores nothing: it waits on its signal. */
export const slowPipeline = definePipeline({
  id: 'test-slow',
  version: 1,
  title: 'Slow',
  description: 'times out',
  input: Input,
  machine: oneStep('slow'),
  steps: {
    slow: {
      maxAttempts: 2,
      timeoutMs: 100,
      backoff: { initialMs: 10, maxMs: 20, jitter: 0 },
      async run({ runId, signal }) {
        probe.count(runId);
        try {
          await sleep(10_000, signal);
        } catch (error) {
          probe.abortedWith.set(runId, String((signal.reason as { kind?: string })?.kind));
          throw error;
        }
        return null;
      },
    },
  },
});

/** Two regions that each run a step, then join. */
export const parallelPipeline = definePipeline({
  id: 'test-parallel',
  version: 1,
  title: 'Parallel',
  description: 'two steps at once',
  input: Input,
  machine: setup({
    types: { events: {} as StepEvents<{ left: unknown; right: unknown }>, input: {} as { blockMs: number } },
  }).createMachine({
    id: 'parallel',
    initial: 'both',
    states: {
      both: {
        type: 'parallel',
        states: {
          a: {
            initial: 'working',
            states: {
              working: { meta: { step: 'left' }, on: { 'step.left.done': 'finished' } },
              finished: { type: 'final' },
            },
          },
          b: {
            initial: 'working',
            states: {
              working: { meta: { step: 'right' }, on: { 'step.right.done': 'finished' } },
              finished: { type: 'final' },
            },
          },
        },
        onDone: 'done',
        on: { 'step.left.failed': 'failed', 'step.right.failed': 'failed' },
      },
      done: { type: 'final' },
      failed: { type: 'final', tags: ['failed'] },
    },
  }),
  steps: {
    left: {
      async run({ runId, input }) {
        probe.count(runId);
        await sleep(input.blockMs);
        return 'L';
      },
    },
    right: {
      async run({ runId, input }) {
        probe.count(runId);
        await sleep(input.blockMs);
        return 'R';
      },
    },
  },
});

export const testPipelines = [flakyPipeline, blockingPipeline, slowPipeline, parallelPipeline];

/** `hang`: the step waits (for the worker to be killed); `finish`: it returns the pid that ran it. */
const fragileStep = (behaviour: 'hang' | 'finish') => ({
  timeoutMs: 120_000,
  async run({ signal, log }: StepContext) {
    if (behaviour === 'hang') {
      log.info('hanging');
      await sleep(120_000, signal);
    }
    return { finishedBy: process.pid };
  },
});

/**
 * The same pipeline with two step behaviours: `hang` for the worker we kill, `finish` for the one
 * that takes over (as if the step had been retried on healthy infrastructure).
 */
export function crashPipeline(behaviour: 'hang' | 'finish') {
  return definePipeline({
    id: 'test-crash',
    version: 1,
    title: 'Crash',
    description: 'a step whose worker dies',
    input: Input,
    machine: oneStep('fragile'),
    steps: {
      fragile: fragileStep(behaviour),
    },
  });
}

/** What the `when-busy` schedule of `cronPipeline` finds waiting at a tick. */
export const cronInbox: string[] = [];

/** A pipeline with a schedule every minute that backfills the last three minutes. */
export const cronPipeline = definePipeline({
  id: 'test-cron',
  version: 1,
  title: 'Cron',
  description: 'scheduled',
  input: Input,
  machine: oneStep('tick'),
  steps: {
    tick: {
      async run() {
        return null;
      },
    },
  },
  schedules: [
    { name: 'every-minute', cron: '* * * * *', input: {}, backfillMs: 3 * 60_000 + 5_000 },
    // Starts a run only when the test has put something in the "inbox".
    {
      name: 'when-busy',
      cron: '0 0 1 1 *',
      input: async () => (cronInbox.length > 0 ? { failTimes: cronInbox.length } : null),
    },
  ],
});

/**
 * `crashPipeline` with a quick step before the fragile one: the fragile step runs as a job handed to
 * the worker that ran the first (`core/runs/step-chain.ts`), so killing that worker strands a handed job.
 */
export function crashChainPipeline(behaviour: 'hang' | 'finish') {
  return definePipeline({
    id: 'test-crash-chain',
    version: 1,
    title: 'Crash in a chain',
    description: 'a quick step, then one whose worker dies',
    input: Input,
    machine: setup({
      types: {
        context: {} as { result: unknown },
        events: {} as StepEvents<{ prepare: undefined; fragile: { finishedBy: number } }>,
      },
    }).createMachine({
      id: 'crash-chain',
      initial: 'preparing',
      context: { result: null },
      states: {
        preparing: {
          meta: { step: 'prepare' },
          on: { 'step.prepare.done': 'working', 'step.prepare.failed': 'failed' },
        },
        working: {
          meta: { step: 'fragile' },
          on: {
            'step.fragile.done': { target: 'done', actions: assign({ result: ({ event }) => event.output }) },
            'step.fragile.failed': 'failed',
          },
        },
        done: { type: 'final' },
        failed: { type: 'final', tags: ['failed'] },
      },
    }),
    steps: {
      prepare: { run: async () => undefined },
      fragile: fragileStep(behaviour),
    },
  });
}
