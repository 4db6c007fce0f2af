import type { SystemActor } from './actor';

/**
 * Makes a system actor. Only `cli/` and `worker/` (and test support) may import this module — a lint
 * rule keeps the console, components and pipelines from minting one to skip the role check.
 */
export function createSystemActor(name: string): SystemActor {
  if (!/^[a-z][\w:./-]{0,99}$/i.test(name)) throw new Error(`invalid system actor name '${name}'`);
  return Object.freeze({ kind: 'system', name }) as SystemActor;
}
