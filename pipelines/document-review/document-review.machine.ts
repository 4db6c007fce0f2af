import { assign, setup } from 'xstate';
import type { StepEvents } from '../../core/definition/define-pipeline';

export interface DocumentReviewInput {
  documentId: string;
  title: string;
  stepDelayMs: number;
  /** How long the approval may wait before the review expires. */
  approvalTimeoutMs: number;
}

export interface DocumentReviewContext {
  documentId: string;
  pages: number;
  category: string | null;
  reviewer: string | null;
  comment: string | null;
  approvalTimeoutMs: number;
}

/** How long an approval waits when the input does not say (48 hours). */
export const DEFAULT_APPROVAL_TIMEOUT_MS = 48 * 3_600_000;

type Events =
  | StepEvents<{
      intake: { pages: number };
      scan: { clean: boolean };
      classify: { category: string };
      publish: null;
    }>
  | { type: 'approve'; reviewer?: string; comment?: string }
  | { type: 'reject'; reviewer?: string; comment?: string }
  | { type: 'cancel' };

/**
 * A document goes through automatic checks (a compound state: scanning, then classifying) and then
 * waits for a person to approve or reject it. Approved documents are published; an approval that
 * does not come within `approvalTimeoutMs` expires (a durable timer: it survives worker restarts).
 */
export const documentReviewMachine = setup({
  types: { input: {} as DocumentReviewInput, context: {} as DocumentReviewContext, events: {} as Events },
  actions: {
    recordPages: assign({
      pages: ({ event }) => (event.type === 'step.intake.done' ? event.output.pages : 0),
    }),
    recordCategory: assign({
      category: ({ event }) => (event.type === 'step.classify.done' ? event.output.category : null),
    }),
    recordDecision: assign({
      reviewer: ({ event }) => ('reviewer' in event ? (event.reviewer ?? null) : null),
      comment: ({ event }) => ('comment' in event ? (event.comment ?? null) : null),
    }),
  },
  delays: {
    // Runs started before the timeout existed have none in their context: they get the default.
    approvalTimeout: ({ context }) => context.approvalTimeoutMs ?? DEFAULT_APPROVAL_TIMEOUT_MS,
  },
  guards: {
    isClean: ({ event }) => event.type === 'step.scan.done' && event.output.clean,
  },
}).createMachine({
  id: 'document-review',
  initial: 'intake',
  context: ({ input }) => ({
    documentId: input.documentId,
    pages: 0,
    category: null,
    reviewer: null,
    comment: null,
    approvalTimeoutMs: input.approvalTimeoutMs,
  }),
  on: { cancel: '.cancelled' },
  states: {
    /** Fetches the document and counts its pages. */
    intake: {
      meta: { step: 'intake' },
      on: {
        'step.intake.done': { target: 'checks', actions: 'recordPages' },
        'step.intake.failed': 'failed',
      },
    },
    /** Automatic checks before a person looks at it. */
    checks: {
      initial: 'scanning',
      states: {
        scanning: {
          meta: { step: 'scan' },
          on: {
            'step.scan.done': [
              { guard: 'isClean', target: 'classifying' },
              { target: '#document-review.failed' },
            ],
            'step.scan.failed': '#document-review.failed',
          },
        },
        classifying: {
          meta: { step: 'classify' },
          on: {
            'step.classify.done': { target: 'passed', actions: 'recordCategory' },
            'step.classify.failed': '#document-review.failed',
          },
        },
        passed: { type: 'final' },
      },
      onDone: 'awaiting_approval',
    },
    /** Waits for an operator: `approve` publishes, `reject` ends the run; no answer in time expires it. */
    awaiting_approval: {
      after: { approvalTimeout: 'expired' },
      on: {
        approve: { target: 'publishing', actions: 'recordDecision' },
        reject: { target: 'rejected', actions: 'recordDecision' },
      },
    },
    /** Publishes the approved document. */
    publishing: {
      meta: { step: 'publish' },
      on: { 'step.publish.done': 'published', 'step.publish.failed': 'failed' },
    },
    published: { type: 'final' },
    rejected: { type: 'final' },
    /** Nobody decided in time: the run fails with a `timed_out` error naming the delay. */
    expired: { type: 'final', tags: ['failed'] },
    failed: { type: 'final', tags: ['failed'] },
    cancelled: { type: 'final', tags: ['cancelled'] },
  },
});
