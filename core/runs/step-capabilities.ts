import type { Actor } from '../auth/actor';
import type { Capability } from '../definition/capability';
import type { StepContext } from '../definition/define-pipeline';
import type { Engine } from '../engine';
import { startRun } from './start-run';

/** What the engine hands a step besides its data: capabilities made on demand, and starting runs. */
export function stepCapabilities(engine: Engine, by: Actor): Pick<StepContext, 'use' | 'startRun'> {
  const made = new Map<Capability<unknown>, unknown>();
  return {
    use<T>(capability: Capability<T>): T {
      if (!made.has(capability)) made.set(capability, capability.create({ engine, by }));
      return made.get(capability) as T;
    },
    async startRun(request) {
      const { run, created } = await startRun(engine, request, by);
      return { runId: run.id, state: run.state, created };
    },
  };
}
