import { diffJson } from '../../json/json-patch';

/** A transition keeps the full context every this many versions, and a JSON Patch in between. */
export const FULL_CONTEXT_EVERY = 10;

/**
 * What a transition row keeps of the context after it: the whole context on a run's first version
 * and every `FULL_CONTEXT_EVERY` versions, else the patch from the context before it (often empty).
 * Any point of a run can be rebuilt from the nearest full context and the patches after it.
 */
export function contextRecord(
  version: number,
  previous: unknown,
  next: unknown,
): { context?: unknown; contextPatch?: unknown } {
  if (version === 1 || version % FULL_CONTEXT_EVERY === 1 || previous === undefined) return { context: next };
  return { contextPatch: diffJson(previous, next) };
}
