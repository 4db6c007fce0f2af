import { z } from 'zod';
import { OperatorRequestSchema } from './run-requests';

/** Fire a pending timer of a run now, instead of at its due time. */
export const FireTimerRequestSchema = OperatorRequestSchema.extend({
  event: z
    .string()
    .trim()
    .min(1, 'event is required')
    .max(300)
    .describe("the timer's event (RunTimer.event)"),
});
export type FireTimerRequest = z.infer<typeof FireTimerRequestSchema>;

/** Move a pending timer: to an exact time, or later by a number of milliseconds. */
export const PostponeTimerRequestSchema = OperatorRequestSchema.extend({
  event: FireTimerRequestSchema.shape.event,
  dueAt: z.iso.datetime({ offset: true }).optional().describe('the new due time'),
  byMs: z
    .number()
    .int()
    .positive()
    .max(365 * 86_400_000)
    .optional()
    .describe('or: this much later than it is due now'),
})
  .strict()
  .refine((r) => (r.dueAt === undefined) !== (r.byMs === undefined), {
    message: 'give either dueAt or byMs',
    path: ['dueAt'],
  });
export type PostponeTimerRequest = z.infer<typeof PostponeTimerRequestSchema>;
