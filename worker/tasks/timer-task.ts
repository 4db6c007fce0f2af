import type { Task } from 'graphile-worker';
import { z } from 'zod';
import type { Actor } from '../../core/auth/actor';
import type { Engine } from '../../core/engine';
import { fireTimer } from '../../core/runs/timers/fire-timer';

const TimerJobPayloadSchema = z.object({
  runId: z.uuid(),
  event: z.string().min(1),
  since: z.number().int(),
  dueAt: z.string().min(1),
});

/** The graphile-worker task that fires one delayed transition of a run (stale ones do nothing). */
export function timerTask(engine: Engine, actor: Actor): Task {
  return async (payload, helpers) => {
    const parsed = TimerJobPayloadSchema.safeParse(payload);
    if (!parsed.success) {
      engine.logger.error({ jobId: helpers.job.id }, 'malformed timer job payload; dropped');
      return;
    }
    const result = await fireTimer(engine, parsed.data, actor);
    engine.logger.debug({ runId: parsed.data.runId, result }, 'timer job done');
  };
}
