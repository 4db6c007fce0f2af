import { assign, setup } from 'xstate';
import type { StepEvents } from '../../core/definition/define-pipeline';
import { type IngestCounts, quarantinedShare, ZERO_COUNTS } from './ingest-counts';

/** The stored file a run ingests (see `storeIngestFile`). */
export interface IngestFileRef {
  id: string;
  name: string;
  sha256: string;
  bytes: number;
}

export interface IngestInput {
  file: IngestFileRef;
}

export interface IngestContext {
  file: IngestFileRef;
  /** Above this quarantined share (0..1) the run waits for an operator before loading. */
  reviewThreshold: number;
  counts: IngestCounts;
  /** Share of received records quarantined by validation; set when validating is done. */
  quarantinedShare: number | null;
  /** Valid measurements whose unit was converted to the canonical one. */
  converted: number;
  review: { decision: 'approved' | 'rejected'; comment: string | null } | null;
}

/** Every step reports the run's counts as the tables have them after its work. */
export interface StepCounts {
  counts: IngestCounts;
}

export type IngestSteps = {
  receive: { bytes: number };
  parse: StepCounts;
  validate: StepCounts;
  normalize: StepCounts & { converted: number };
  deduplicate: StepCounts;
  load: StepCounts;
};

export type IngestEvent =
  | StepEvents<IngestSteps>
  | { type: 'approve'; comment?: string }
  | { type: 'reject'; comment?: string }
  | { type: 'cancel' };

const comment = (event: IngestEvent) =>
  'comment' in event && typeof event.comment === 'string' ? event.comment.slice(0, 1000) : null;

/**
 * The ingestion machine both health pipelines share:
 * received → parsing → validating → normalizing → deduplicating → loading → completed.
 * Bad records are quarantined rather than failing the file; when validation quarantines more than
 * `reviewThreshold` of them the run waits in `awaiting_review` for `approve` (load the good records)
 * or `reject` (load nothing). A step that fails for good (a malformed file) ends in `failed`.
 */
export function createIngestMachine(options: { id: string; reviewThreshold: number }) {
  return setup({
    types: { input: {} as IngestInput, context: {} as IngestContext, events: {} as IngestEvent },
    actions: {
      recordCounts: assign({
        counts: ({ context, event }) =>
          'output' in event && event.output && 'counts' in event.output
            ? event.output.counts
            : context.counts,
      }),
      recordShare: assign({
        quarantinedShare: ({ context, event }) =>
          event.type === 'step.validate.done'
            ? quarantinedShare(event.output.counts)
            : context.quarantinedShare,
      }),
      recordConverted: assign({
        converted: ({ context, event }) =>
          event.type === 'step.normalize.done' ? event.output.converted : context.converted,
      }),
      recordApproval: assign({
        review: ({ event }) => ({ decision: 'approved' as const, comment: comment(event) }),
      }),
      recordRejection: assign({
        review: ({ event }) => ({ decision: 'rejected' as const, comment: comment(event) }),
      }),
    },
    guards: {
      needsReview: ({ context, event }) =>
        event.type === 'step.validate.done' &&
        quarantinedShare(event.output.counts) > context.reviewThreshold,
    },
  }).createMachine({
    id: options.id,
    initial: 'received',
    context: ({ input }) => ({
      file: input.file,
      reviewThreshold: options.reviewThreshold,
      counts: ZERO_COUNTS,
      quarantinedShare: null,
      converted: 0,
      review: null,
    }),
    on: { cancel: '.cancelled' },
    states: {
      /** The file is stored; checks it is complete and intact before reading it. */
      received: {
        meta: { step: 'receive' },
        on: { 'step.receive.done': 'parsing', 'step.receive.failed': 'failed' },
      },
      /** Streams the file into staged records; a file that cannot be read as a whole fails here. */
      parsing: {
        meta: { step: 'parse' },
        on: {
          'step.parse.done': { target: 'validating', actions: 'recordCounts' },
          'step.parse.failed': 'failed',
        },
      },
      /** Checks every record; bad ones are quarantined with a reason per field. */
      validating: {
        meta: { step: 'validate' },
        on: {
          'step.validate.done': [
            { guard: 'needsReview', target: 'awaiting_review', actions: ['recordCounts', 'recordShare'] },
            { target: 'normalizing', actions: ['recordCounts', 'recordShare'] },
          ],
          'step.validate.failed': 'failed',
        },
      },
      /** Too much was quarantined: an operator approves (load the valid records) or rejects. */
      awaiting_review: {
        on: {
          approve: { target: 'normalizing', actions: 'recordApproval' },
          reject: { target: 'rejected', actions: 'recordRejection' },
        },
      },
      /** Converts every value to its code's canonical unit. */
      normalizing: {
        meta: { step: 'normalize' },
        on: {
          'step.normalize.done': { target: 'deduplicating', actions: ['recordCounts', 'recordConverted'] },
          'step.normalize.failed': 'failed',
        },
      },
      /** Marks records already in `observations` (or earlier in the file) as duplicates or conflicts. */
      deduplicating: {
        meta: { step: 'deduplicate' },
        on: {
          'step.deduplicate.done': { target: 'loading', actions: 'recordCounts' },
          'step.deduplicate.failed': 'failed',
        },
      },
      /** Upserts patients and observations in batches; safe to retry after a crash mid-load. */
      loading: {
        meta: { step: 'load' },
        on: {
          'step.load.done': { target: 'completed', actions: 'recordCounts' },
          'step.load.failed': 'failed',
        },
      },
      completed: { type: 'final' },
      /** An operator rejected the file after review: nothing was loaded. */
      rejected: { type: 'final', tags: ['cancelled'] },
      failed: { type: 'final', tags: ['failed'] },
      cancelled: { type: 'final', tags: ['cancelled'] },
    },
  });
}
