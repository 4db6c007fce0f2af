import { z } from 'zod';
import { definePipeline } from '../../core/definition/define-pipeline';
import { sleep } from '../../core/definition/sleep';
import { DEFAULT_APPROVAL_TIMEOUT_MS, documentReviewMachine } from './document-review.machine';

export const DocumentReviewInputSchema = z.object({
  documentId: z.string().trim().min(1, 'documentId is required').max(100),
  title: z.string().trim().min(1, 'title is required').max(300),
  stepDelayMs: z.number().int().min(0).max(60_000).default(300),
  /** How long the approval may wait (default 48 hours). */
  approvalTimeoutMs: z
    .number()
    .int()
    .min(100)
    .max(90 * 86_400_000)
    .default(DEFAULT_APPROVAL_TIMEOUT_MS),
});

/** The context a forked run may be given: checked when an operator edits it. */
export const DocumentReviewContextSchema = z.object({
  documentId: z.string().min(1),
  pages: z.number().int().min(0),
  category: z.string().nullable(),
  reviewer: z.string().nullable(),
  comment: z.string().nullable(),
  approvalTimeoutMs: z.number().int().min(100),
});

export const documentReview = definePipeline({
  id: 'document-review',
  version: 1,
  title: 'Document review',
  description: 'Automatic checks (scan, classify), then a manual approval before the document is published.',
  input: DocumentReviewInputSchema,
  context: DocumentReviewContextSchema,
  machine: documentReviewMachine,
  steps: {
    intake: {
      async run({ input, signal, log }) {
        await sleep(input.stepDelayMs, signal);
        const pages = 1 + (input.documentId.length % 9);
        log.info(`document has ${pages} pages`);
        return { pages };
      },
    },
    scan: {
      async run({ input, signal }) {
        await sleep(input.stepDelayMs, signal);
        return { clean: true };
      },
    },
    classify: {
      async run({ input, context, signal }) {
        await sleep(input.stepDelayMs, signal);
        return { category: context.pages > 5 ? 'report' : 'letter' };
      },
    },
    publish: {
      async run({ input, signal, log, idempotencyKey }) {
        await sleep(input.stepDelayMs, signal);
        log.info(`published with key ${idempotencyKey}`);
        return null;
      },
    },
  },
});
