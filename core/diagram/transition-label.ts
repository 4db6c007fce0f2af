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
 * The name of a transition's guard: named guards (`'isClean'`), parameterised ones with their
 * parameters (`{ type: 'greaterThan', params: { limit: 10 } }` reads `greaterThan(10)`), the
 * `not`/`and`/`or` helpers composed, `stateIn` with the state it tests (`in checks.scanning`), and
 * plain `guard` for inline functions, which have no name worth showing. `undefined` when the
 * transition is not guarded.
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
          return `in ${stateValueLabel(helper.stateValue)}`;
      }
    }
    return 'guard';
  }
  if (typeof guard === 'object' && typeof (guard as { type?: unknown }).type === 'string') {
    const { type, params } = guard as { type: string; params?: unknown };
    return params === undefined ? type : `${type}(${paramsLabel(params)})`;
  }
  return 'guard';
}

/** `10`, `'a'`, `{ limit: 10 }` → `10`; several fields → `min=1, max=5`; computed params → `…`. */
function paramsLabel(params: unknown): string {
  if (typeof params === 'function') return '…';
  if (params === null || typeof params !== 'object') return String(params);
  if (Array.isArray(params)) return params.map(paramsLabel).join(', ');
  const entries = Object.entries(params);
  if (entries.length === 1) return paramsLabel(entries[0]?.[1]);
  return entries.map(([key, value]) => `${key}=${paramsLabel(value)}`).join(', ');
}

/** A `stateIn` argument: `'#m.a.x'` as written, `{ a: 'x' }` as the path `a.x`. */
function stateValueLabel(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    return Object.entries(value)
      .map(([key, inner]) =>
        inner && (typeof inner !== 'object' || Object.keys(inner).length)
          ? `${key}.${stateValueLabel(inner)}`
          : key,
      )
      .join(' and ');
  }
  return 'state';
}

/**
 * `event [guard]`, safe to put after the `:` of a Mermaid transition line (may be empty); a
 * transition that exits and re-enters its state (`reenter: true`) says so.
 */
export function transitionLabel(transition: AnyTransitionDefinition): string {
  const event = safeLabel(eventLabel(transition));
  const guardName = guardLabel(transition.guard);
  const guard = guardName === undefined ? '' : safeLabel(guardName) || 'guard';
  const label = guard ? `${event} [${guard}]`.trim() : event;
  return transition.reenter ? `${label} (re-enter)`.trim() : label;
}
