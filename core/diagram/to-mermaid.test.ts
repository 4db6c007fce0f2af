// @vitest-environment happy-dom
// Mermaid's parser sanitizes labels with DOMPurify, which needs a DOM: happy-dom provides one.

import { describe, expect, it } from 'vitest';
import { and, createMachine, not, or, setup } from 'xstate';
import { expectFaithfulParse } from '../../test-support/parse-mermaid';
import { toMermaid } from './to-mermaid';

const lines = (text: string) => text.split('\n').map((line) => line.trim());

describe('toMermaid', () => {
  it('renders a linear step machine in document order', async () => {
    const machine = createMachine({
      id: 'linear',
      initial: 'extracting',
      states: {
        extracting: {
          meta: { step: 'extract' },
          on: { 'step.extract.done': 'loading', 'step.extract.failed': 'failed' },
        },
        loading: { meta: { step: 'loading' }, on: { 'step.loading.done': 'done' } },
        done: { type: 'final' },
        failed: { type: 'final', tags: ['failed'] },
      },
    });
    const text = toMermaid(machine);
    expect(text).toBe(
      [
        'stateDiagram-v2',
        '  [*] --> extracting',
        '  state "extracting / extract" as extracting',
        '  loading',
        '  done',
        '  done --> [*]',
        '  failed',
        '  failed --> [*]',
        '  extracting --> loading : extract done',
        '  extracting --> failed : extract failed',
        '  loading --> done : loading done',
        '',
      ].join('\n'),
    );
    expect(toMermaid(machine)).toBe(text);
    await expectFaithfulParse(text);
  });

  it('nests compound states with an initial marker per level and labels onDone', async () => {
    const machine = createMachine({
      id: 'nested',
      initial: 'outer',
      states: {
        outer: {
          initial: 'inner',
          states: {
            inner: {
              initial: 'a',
              states: { a: { on: { next: 'b' } }, b: { type: 'final' } },
              onDone: 'finishing',
            },
            finishing: { type: 'final' },
          },
          onDone: 'complete',
        },
        complete: { type: 'final' },
      },
    });
    const text = toMermaid(machine);
    const out = lines(text);
    expect(out).toContain('state outer {');
    expect(out).toContain('state "inner" as outer__inner {');
    expect(out).toContain('[*] --> outer__inner__a');
    expect(out).toContain('outer__inner__b --> [*]');
    expect(out).toContain('outer__inner --> outer__finishing : done');
    expect(out).toContain('outer --> complete : done');
    const parsed = await expectFaithfulParse(text);
    expect(parsed.nodes.get('outer__inner__a')?.parentId).toBe('outer__inner');
    expect(parsed.nodes.get('outer__finishing')?.parentId).toBe('outer');
    expect(parsed.nodes.get('complete')?.parentId).toBeUndefined();
  });

  it('separates parallel regions with --, and draws a parallel root as a block', async () => {
    const regions = {
      virus: {
        initial: 'scanning',
        states: { scanning: { on: { clean: 'ok' } }, ok: { type: 'final' as const } },
      },
      size: {
        initial: 'measuring',
        states: { measuring: { on: { small: 'ok' } }, ok: { type: 'final' as const } },
      },
    };
    const nested = createMachine({
      id: 'par',
      initial: 'checks',
      states: { checks: { type: 'parallel', states: regions, onDone: 'done' }, done: { type: 'final' } },
    });
    const text = toMermaid(nested);
    expect(text).toContain('  state checks {\n    state "virus" as checks__virus {');
    expect(text).toContain('    }\n    --\n    state "size" as checks__size {');
    expect(lines(text)).toContain('checks --> done : done');
    const parsed = await expectFaithfulParse(text);
    const region = parsed.nodes.get('checks__virus');
    expect(parsed.nodes.get(region?.parentId ?? '')?.parentId).toBe('checks');

    const rootParallel = createMachine({ id: 'root-par', type: 'parallel', states: regions });
    const rootText = toMermaid(rootParallel);
    expect(lines(rootText).slice(1, 3)).toEqual(['[*] --> root_par', 'state "root-par" as root_par {']);
    await expectFaithfulParse(rootText);
  });

  it('labels guards by name, spells out guard helpers and draws the fallback branch', async () => {
    const machine = setup({
      guards: {
        isSmall: () => true,
        isBig: () => false,
        isOver: (_, params: { limit: number }) => params.limit > 0,
      },
    }).createMachine({
      id: 'guards',
      initial: 'deciding',
      states: {
        deciding: {
          on: {
            size: [
              { guard: 'isSmall', target: 'small' },
              { guard: { type: 'isOver', params: { limit: 10 } }, target: 'big' },
              { guard: and(['isSmall', or(['isBig', not('isSmall')])]), target: 'big' },
              { guard: ({ event }) => event.type === 'size', target: 'small' },
              { target: 'big' },
            ],
          },
        },
        small: { type: 'final' },
        big: { type: 'final' },
      },
    });
    const text = toMermaid(machine);
    const out = lines(text);
    expect(out).toContain('deciding --> small : size [isSmall]');
    expect(out).toContain('deciding --> big : size [isOver(10)]');
    expect(out).toContain('deciding --> big : size [isSmall and (isBig or not isSmall)]');
    expect(out).toContain('deciding --> small : size [guard]');
    expect(out).toContain('deciding --> big : size');
    await expectFaithfulParse(text);
  });

  it('draws self-transitions, always and delays, and notes targetless transitions', async () => {
    const machine = setup({ actions: { note: () => {} }, guards: { ready: () => true } }).createMachine({
      id: 'loops',
      initial: 'idle',
      states: {
        idle: {
          on: { ping: 'idle', log: { actions: 'note' } },
          always: { guard: 'ready', target: 'busy' },
          after: { 500: 'busy' },
        },
        busy: { always: 'idle' },
      },
    });
    const text = toMermaid(machine);
    const out = lines(text);
    expect(out).toContain('idle --> idle : ping');
    expect(out).toContain('idle --> busy : always [ready]');
    expect(out).toContain('idle --> busy : after 500ms');
    expect(out).toContain('busy --> idle : always');
    expect(out).toContain('note right of idle : no state change on log');
    expect(out.filter((line) => line.includes('log'))).toHaveLength(1);
    await expectFaithfulParse(text);
  });

  it('gives awkward state and event names unique, safe ids and labels', async () => {
    const awkward = 'q"c:s;{b}<t>#h[x]`\\n|%&';
    const machine = createMachine({
      id: 'names',
      initial: 'a-b',
      on: { 'set direction LR': '.class', [awkward]: '#awkward' },
      states: {
        'a-b': {},
        a_b: {},
        class: {},
        x_start: {},
        'ünï côdé': {},
        [awkward]: { id: 'awkward', type: 'final' },
      },
    });
    const text = toMermaid(machine);
    const out = lines(text);
    expect(out).toContain('state "a-b" as a_b');
    expect(out).toContain('state "a_b" as a_b_2');
    expect(out).toContain('state "class" as class_');
    expect(out).toContain('state "x_start" as x_start_');
    expect(out).toContain('state "ünï côdé" as _n__c_d_');
    expect(out).toContain('state "q c s b t h x n" as q_c_s__b__t__h_x___n___');
    expect(out).toContain('any_state --> class_ : set direction-LR');
    expect(out).toContain('any_state --> q_c_s__b__t__h_x___n___ : q c s b t h x n');
    await expectFaithfulParse(text);
  });

  it('marks current, visited and failed leaf states, and shows counts in labels', async () => {
    const machine = createMachine({
      id: 'marks',
      initial: 'one',
      states: {
        one: { on: { next: 'group' } },
        group: { initial: 'two', states: { two: { on: { next: 'three' } }, three: {} } },
        broken: { type: 'final' },
      },
    });
    const text = toMermaid(machine, {
      current: ['group.two', 'broken'],
      visited: ['one', 'group', 'group.two', 'nowhere'],
      failed: ['broken'],
      counts: { 'group.two': 3, group: 5, one: 0 },
    });
    const out = lines(text);
    expect(out).toContain('state "one (0)" as one');
    expect(out).toContain('state "group (5)" as group {');
    expect(out).toContain('state "two (3)" as group__two');
    expect(out.filter((line) => line.startsWith('class'))).toEqual([
      'classDef current fill:#dbeafe,stroke:#1d4ed8,stroke-width:3px,color:#0f172a,font-weight:bold',
      'classDef visited fill:#dcfce7,stroke:#15803d,color:#0f172a',
      'classDef failed fill:#fee2e2,stroke:#b91c1c,stroke-width:2px,color:#0f172a',
      'class one visited',
      'class group__two current',
      'class broken failed',
    ]);
    const parsed = await expectFaithfulParse(text);
    expect(parsed.nodes.get('group__two')?.cssClasses).toContain('current');
    expect(parsed.nodes.get('broken')?.cssClasses).toContain('failed');

    const onlyVisited = toMermaid(machine, { visited: ['one'] });
    expect(lines(onlyVisited).filter((line) => line.startsWith('classDef'))).toHaveLength(1);
    expect(toMermaid(machine, {})).not.toContain('classDef');
    await expectFaithfulParse(onlyVisited);
  });
});
