import { describe, expect, it } from 'vitest';
import { createMachine, stateIn } from 'xstate';
import { safeLabel } from './safe-label';
import { eventLabel, guardLabel } from './transition-label';

/** The transitions of a one-state machine, so labels are tested on real TransitionDefinitions. */
function transitionsOf(config: Parameters<typeof createMachine>[0]) {
  const machine = createMachine(config);
  const node = machine.root.states.s!;
  return [...[...node.transitions.values()].flat(), ...(node.always ?? [])];
}

describe('eventLabel', () => {
  it('names engine, XState and user events readably', () => {
    const transitions = transitionsOf({
      id: 'm',
      initial: 's',
      states: {
        s: {
          on: { 'step.extract.done': 't', 'step.a.b.failed': 't', approve: 't', '*': 't' },
          after: { 250: 't', slow: 't' },
          invoke: { src: createMachine({}), onDone: 't', onError: 't' },
          always: 't',
        },
        t: {},
      },
    });
    expect(transitions.map(eventLabel).sort()).toEqual(
      [
        'a.b failed',
        'after 250ms',
        'after slow',
        'always',
        'any event',
        'approve',
        'extract done',
        'invoke done',
        'invoke error',
      ].sort(),
    );
  });
});

describe('guardLabel', () => {
  it('reads named guards, helpers and inline functions', () => {
    expect(guardLabel(undefined)).toBeUndefined();
    expect(guardLabel('isClean')).toBe('isClean');
    expect(guardLabel({ type: 'isBig', params: { limit: 1 } })).toBe('isBig(1)');
    expect(guardLabel({ type: 'between', params: { min: 1, max: 5 } })).toBe('between(min=1, max=5)');
    expect(guardLabel({ type: 'dynamic', params: () => ({}) })).toBe('dynamic(…)');
    expect(guardLabel(stateIn({ s: 't' }))).toBe('in s.t');
    expect(guardLabel(stateIn('#m.t'))).toBe('in #m.t');
    expect(guardLabel(() => true)).toBe('guard');
  });
});

describe('safeLabel', () => {
  it('drops every character that could end or bend a Mermaid statement', () => {
    const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
    const label = safeLabel(`${printable}\n\ttab\u2028`);
    expect(label).not.toMatch(/["'`:;{}<>#[\]\\|%&\n\t\u2028]/);
    expect(label).toContain('0123456789');
    expect(label).toContain('ABCDEFGHIJKLMNOPQRSTUVWXYZ');
  });

  it('keeps labels from reading as direction statements', () => {
    expect(safeLabel('turn  direction\tTB now')).toBe('turn direction-TB now');
  });
});
