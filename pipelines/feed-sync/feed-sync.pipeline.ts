import { z } from 'zod';
import { definePipeline } from '../../core/definition/define-pipeline';
import { sleep } from '../../core/definition/sleep';
import { feedSyncMachine } from './feed-sync.machine';

export const FeedSyncInputSchema = z.object({
  feed: z.string().trim().min(1, 'feed is required').max(200),
  simulateOutages: z.number().int().min(0).max(5).default(0),
  stepDelayMs: z.number().int().min(0).max(60_000).default(200),
});

/** What a clinic system that is down answers; the message names the feed and the time waited. */
class FeedUnavailable extends Error {
  override readonly name = 'FeedUnavailable';
}

export const feedSync = definePipeline({
  id: 'feed-sync',
  version: 1,
  title: 'Clinic feed sync',
  description: 'Pulls one clinic feed and stores its records; a feed that is down fails the fetch.',
  input: FeedSyncInputSchema,
  machine: feedSyncMachine,
  // One sync per clinic feed at a time: a second run of the same feed waits `queued` until the first
  // finishes (two syncs of one feed would fetch and store the same records twice).
  maxConcurrentRuns: 1,
  concurrencyKey: (input) => input.feed,
  steps: {
    fetch: {
      maxAttempts: 1,
      timeoutMs: 60_000,
      async run({ input, context, signal, log }) {
        const started = Date.now();
        await sleep(input.stepDelayMs, signal);
        if (context.outages < input.simulateOutages) {
          throw new FeedUnavailable(`feed '${input.feed}' answered 503 after ${Date.now() - started} ms`);
        }
        log.info('fetched 25 records');
        return { records: 25 };
      },
    },
    store: {
      async run({ context, input, signal }) {
        await sleep(input.stepDelayMs, signal);
        return { records: context.fetched };
      },
    },
  },
});
