import type { AnyTransitionDefinition } from 'xstate';
import { safeLabel } from './safe-label';

const STEP_EVENT = /^step\.(.+)\.(done|failed)$/;
const AFTER_PREFIX = 'xstate.after.';

/**
 * A readable name for the event that takes a transition: engine step events (`step.scan.done`) read
 * as `scan done`, and XState's internal events (onDone, invoke results, delays, `always`) get short
 * names instead of ids such as `xstate.done.state.document-review.checks`.
 */
export function eventLabel(transition: AnyTransitionDefinition): string {
  const type = String(transition.eventType);
  const step = STEP_EVENT.exec(type);
  if (step) return `${step[1]} ${step[2]}`;
  if (type === '') return 'always';
  if (type === '*') return 'any event';
  if (type.startsWith('xstate.done.state.')) return 'done';
  if (type.startsWith('xstate.done.actor.')) return 'invoke done';
  if (type.startsWith('xstate.error.actor.')) return 'invoke error';
  if (type.startsWith(AFTER_PREFIX)) {
    // The event type is `xstate.after.<delay>.<source state id>`; only the delay means anything to a reader.
    const sourceSuffix = `.${transition.source.id}`;
    const rest = type.slice(AFTER_PREFIX.length);
    const delay = rest.endsWith(sourceSuffix) ? rest.slice(0, -sourceSuffix.length) : rest;
    return /^\d+$/.test(delay) ? `after ${delay}ms` : `after ${delay}`;
  }
  return type;
}

interface GuardHelper {
  name: string;
  check?: unknown;
  guards?: unknown[];
  stateValue?: unknown;
}

/**
 * The name of a transition's guard: named guards (`'isClean'`, `{ type: 'isClean', params }`), the
 * `not`/`and`/`or`/`stateIn` helpers spelled out, and plain `guard` for inline functions, which have
 * no name worth showing. `undefined` when the transition is not guarded.
 */
export function guardLabel(guard: unknown, nested = false): string | undefined {
  if (guard === undefined || guard === null) return undefined;
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'function') {
    const helper = guard as GuardHelper;
    // xstate's helpers are functions named after themselves that carry `check` (and their operands).
    if (helper.check !== undefined) {
      const operands = (helper.guards ?? []).map((inner) => guardLabel(inner, true) ?? 'guard');
      switch (helper.name) {
        case 'not':
          return `not ${operands[0] ?? 'guard'}`;
        case 'and':
        case 'or': {
          const joined = operands.join(` ${helper.name} `);
          return nested ? `(${joined})` : joined;
        }
        case 'stateIn':
          return typeof helper.stateValue === 'string' ? `in ${helper.stateValue}` : 'in state';
      }
    }
    return 'guard';
  }
  if (typeof guard === 'object' && typeof (guard as { type?: unknown }).type === 'string') {
    return (guard as { type: string }).type;
  }
  return 'guard';
}

/** `event [guard]`, safe to put after the `:` of a Mermaid transition line (may be empty). */
export function transitionLabel(transition: AnyTransitionDefinition): string {
  const event = safeLabel(eventLabel(transition));
  const guardName = guardLabel(transition.guard);
  const guard = guardName === undefined ? '' : safeLabel(guardName) || 'guard';
  return guard ? `${event} [${guard}]`.trim() : event;
}
