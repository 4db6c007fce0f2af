import type { Actor } from '../auth/actor';
import type { Engine } from '../engine';

/** What a capability is made from: the engine, and the actor the step acts as (the worker). */
export interface CapabilityDeps {
  engine: Engine;
  by: Actor;
}

/**
 * A narrow service a step handler may use (`ctx.use(capability)`), e.g. a domain's store. Handlers
 * never get the database handle itself: a capability decides what they may do with it.
 */
export interface Capability<T> {
  readonly name: string;
  readonly create: (deps: CapabilityDeps) => T;
}

export const defineCapability = <T>(name: string, create: (deps: CapabilityDeps) => T): Capability<T> => ({
  name,
  create,
});
