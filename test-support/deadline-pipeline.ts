import { setup } from 'xstate';
import { z } from 'zod';
import { definePipeline, type StepEvents } from '../core/definition/define-pipeline';
import { sleep } from '../core/definition/sleep';

/**
 * A run-level deadline, written as a delayed transition on the machine root: whatever state the run
 * is in when `runDeadline` passes, it goes to `timedOut` (tagged failed). Its one step waits for
 * `workMs`, so a short deadline fails the run in the middle of the step.
 */
export const deadlinePipeline = definePipeline({
  id: 'test-deadline',
  version: 1,
  title: 'Deadline',
  description: 'A step that may outlive the run deadline.',
  input: z.object({ deadlineMs: z.number().int().min(1), workMs: z.number().int().min(0) }),
  machine: setup({
    types: {
      input: {} as { deadlineMs: number; workMs: number },
      context: {} as { deadlineMs: number },
      events: {} as StepEvents<{ work: null }>,
    },
    delays: { runDeadline: ({ context }) => context.deadlineMs },
  }).createMachine({
    id: 'test-deadline',
    initial: 'working',
    context: ({ input }) => ({ deadlineMs: input.deadlineMs }),
    after: { runDeadline: '.timedOut' },
    states: {
      working: { meta: { step: 'work' }, on: { 'step.work.done': 'done', 'step.work.failed': 'failed' } },
      done: { type: 'final' },
      failed: { type: 'final', tags: ['failed'] },
      timedOut: { type: 'final', tags: ['failed'] },
    },
  }),
  steps: {
    work: {
      maxAttempts: 1,
      async run({ input, signal }) {
        await sleep(input.workMs, signal);
        return null;
      },
    },
  },
});
