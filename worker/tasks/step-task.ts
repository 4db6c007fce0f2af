import { setMaxListeners } from 'node:events';
import type { Task } from 'graphile-worker';
import { z } from 'zod';
import type { Engine } from '../../core/engine';
import type { StepWorkerContext } from '../../core/runs/run-step';
import { runStepChain, type StepChainOptions } from '../../core/runs/step-chain';

const StepJobPayloadSchema = z.object({
  runId: z.uuid(),
  state: z.string().min(1),
  since: z.number().int(),
  attempt: z.number().int(),
});

/**
 * The graphile-worker task that runs one step instance of a run, and the run's next steps after it
 * in this worker (`chain`, see `core/runs/step-chain.ts`).
 */
export function stepTask(
  engine: Engine,
  worker: Omit<StepWorkerContext, 'shutdownSignal' | 'handOff'>,
  chain: StepChainOptions,
): Task {
  return async (payload, helpers) => {
    const parsed = StepJobPayloadSchema.safeParse(payload);
    if (!parsed.success) {
      engine.logger.error({ jobId: helpers.job.id }, 'malformed step job payload; dropped');
      return;
    }
    // graphile-worker's signal is its pool's, shared by every job: each running step listens to it.
    if (helpers.abortSignal) setMaxListeners(0, helpers.abortSignal);
    const result = await runStepChain(
      engine,
      parsed.data,
      { ...worker, shutdownSignal: helpers.abortSignal },
      chain,
      helpers.job.id,
    );
    engine.logger.debug({ runId: parsed.data.runId, state: parsed.data.state, result }, 'step job done');
  };
}
