import { assign, setup } from 'xstate';
import type { StepEvents } from '../../core/definition/define-pipeline';
import type { PollInboxResult } from '../../health/ingest/poll-inbox';

export interface IngestInboxInput {
  inboxDir: string;
  minAgeMs: number;
}

export interface IngestInboxContext {
  inboxDir: string;
  result: PollInboxResult | null;
}

/** One poll of the inbox folders: submit every settled file to its pipeline, then stop. */
export const ingestInboxMachine = setup({
  types: {
    input: {} as IngestInboxInput,
    context: {} as IngestInboxContext,
    events: {} as StepEvents<{ poll: PollInboxResult }> | { type: 'cancel' },
  },
  actions: {
    recordResult: assign({ result: ({ event }) => (event.type === 'step.poll.done' ? event.output : null) }),
  },
}).createMachine({
  id: 'ingest-inbox',
  initial: 'polling',
  context: ({ input }) => ({ inboxDir: input.inboxDir, result: null }),
  on: { cancel: '.cancelled' },
  states: {
    /** Lists the inbox folders, starts one ingestion run per new file, moves files to processed/. */
    polling: {
      meta: { step: 'poll' },
      on: { 'step.poll.done': { target: 'done', actions: 'recordResult' }, 'step.poll.failed': 'failed' },
    },
    done: { type: 'final' },
    failed: { type: 'final', tags: ['failed'] },
    cancelled: { type: 'final', tags: ['cancelled'] },
  },
});
