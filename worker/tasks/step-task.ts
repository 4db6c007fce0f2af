import type { Task } from 'graphile-worker';
import { z } from 'zod';
import type { Engine } from '../../core/engine';
import { runStep, type StepWorkerContext } from '../../core/runs/run-step';

const StepJobPayloadSchema = z.object({
  runId: z.uuid(),
  state: z.string().min(1),
  since: z.number().int(),
  attempt: z.number().int(),
});

/** The graphile-worker task that runs one step instance of a run. */
export function stepTask(engine: Engine, worker: Omit<StepWorkerContext, 'shutdownSignal'>): Task {
  return async (payload, helpers) => {
    const parsed = StepJobPayloadSchema.safeParse(payload);
    if (!parsed.success) {
      engine.logger.error({ jobId: helpers.job.id }, 'malformed step job payload; dropped');
      return;
    }
    const result = await runStep(engine, parsed.data, { ...worker, shutdownSignal: helpers.abortSignal });
    engine.logger.debug({ runId: parsed.data.runId, state: parsed.data.state, result }, 'step job done');
  };
}
