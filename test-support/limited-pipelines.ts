import { setup } from 'xstate';
import { z } from 'zod';
import { definePipeline, type StepEvents } from '../core/definition/define-pipeline';
import { sleep } from '../core/definition/sleep';

const Input = z.object({
  feed: z.string().min(1),
  ms: z.number().int().min(0).default(50),
  /** Waits until cancelled (or the worker dies). */
  block: z.boolean().default(false),
  /** The first attempt of the run fails (maxAttempts 1: the run fails; a retry succeeds). */
  failFirst: z.boolean().default(false),
});

const machine = setup({
  types: {
    input: {} as z.output<typeof Input>,
    context: {} as { feed: string },
    events: {} as StepEvents<{ sync: { ok: true } }>,
  },
}).createMachine({
  id: 'limited',
  initial: 'syncing',
  context: ({ input }) => ({ feed: input.feed }),
  states: {
    syncing: {
      meta: { step: 'sync' },
      on: { 'step.sync.done': 'done', 'step.sync.failed': 'failed' },
    },
    done: { type: 'final' },
    failed: { type: 'final', tags: ['failed'] },
  },
});

/**
 * Pipelines with concurrency limits: `test-limited` allows one run per feed, `test-limited-pair`
 * two runs in all (`pairLimit` changes that limit, `null` removes it: a deploy that changed it).
 * With `hang`, every step blocks (a worker that is about to be killed).
 */
export function limitedPipelines(options: { hang?: boolean; pairLimit?: number | null } = {}) {
  const sync = {
    maxAttempts: 1,
    timeoutMs: 600_000,
    async run({
      input,
      signal,
      idempotencyKey,
    }: {
      input: z.output<typeof Input>;
      signal: AbortSignal;
      idempotencyKey: string;
    }) {
      if (options.hang || input.block) await sleep(600_000, signal);
      await sleep(input.ms, signal);
      // The attempt number of the run (the last part of the idempotency key), across retries.
      if (input.failFirst && idempotencyKey.endsWith(':1')) throw new Error('planned failure');
      return { ok: true as const };
    },
  };
  const perFeed = definePipeline({
    id: 'test-limited',
    version: 1,
    title: 'Limited per feed',
    description: 'one run per feed at a time',
    input: Input,
    machine,
    steps: { sync },
    maxConcurrentRuns: 1,
    concurrencyKey: (input) => input.feed,
  });
  const pair = definePipeline({
    id: 'test-limited-pair',
    version: 1,
    title: 'Limited to two',
    description: 'two runs at a time',
    input: Input,
    machine,
    steps: { sync },
    ...(options.pairLimit !== null && { maxConcurrentRuns: options.pairLimit ?? 2 }),
  });
  return [perFeed, pair] as const;
}
