import { assign, setup } from 'xstate';
import type { StepEvents } from '../../core/definition/define-pipeline';

export interface FeedSyncInput {
  /** The clinic feed to pull, e.g. `clinic-north/lab`. */
  feed: string;
  /** Demo knob: how many runs' worth of outages the feed has before `fetch` succeeds (retry succeeds after). */
  simulateOutages: number;
  /** Demo knob: how long each step takes. */
  stepDelayMs: number;
}

export interface FeedSyncContext {
  feed: string;
  fetched: number;
  stored: number;
  outages: number;
}

/**
 * Pulls one clinic feed and stores what it returned. A feed that is down fails `fetch` with the same
 * error every time (only the feed name and the timing differ): the failure inbox groups such runs
 * into one problem, and an operator pauses the pipeline while the source is down.
 */
export const feedSyncMachine = setup({
  types: {
    input: {} as FeedSyncInput,
    context: {} as FeedSyncContext,
    events: {} as StepEvents<{ fetch: { records: number }; store: { records: number } }>,
  },
  actions: {
    recordFetched: assign({
      fetched: ({ event }) => (event.type === 'step.fetch.done' ? event.output.records : 0),
    }),
    recordStored: assign({
      stored: ({ event }) => (event.type === 'step.store.done' ? event.output.records : 0),
    }),
    countOutage: assign({ outages: ({ context }) => context.outages + 1 }),
  },
}).createMachine({
  id: 'feed-sync',
  initial: 'fetching',
  context: ({ input }) => ({ feed: input.feed, fetched: 0, stored: 0, outages: 0 }),
  states: {
    /** Pulls the feed's new records from the clinic's system. */
    fetching: {
      meta: { step: 'fetch' },
      on: {
        'step.fetch.done': { target: 'storing', actions: 'recordFetched' },
        'step.fetch.failed': { target: 'failed', actions: 'countOutage' },
      },
    },
    /** Stores the records. */
    storing: {
      meta: { step: 'store' },
      on: { 'step.store.done': { target: 'done', actions: 'recordStored' }, 'step.store.failed': 'failed' },
    },
    done: { type: 'final' },
    failed: { type: 'final', tags: ['failed'] },
  },
});
