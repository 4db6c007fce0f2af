import { expect, test } from '@playwright/test';
import { createMachine } from 'xstate';
import { type DiagramHighlight, layoutSource } from '../core/diagram/highlight-classes';
import { diagramStateIds, toMermaid } from '../core/diagram/to-mermaid';
import { diagramCorpus } from '../test-support/diagram-corpus/diagram-corpus';
import { checkDiagram } from '../test-support/diagram-harness/check-diagram';
import { expectedDiagram } from '../test-support/diagram-harness/expected-diagram';
import { type HarnessPage, openHarnessPage } from '../test-support/diagram-harness/harness-page';

// Every corpus machine drawn by real Mermaid in Chromium, with the console's layout (ELK) and with
// Mermaid's default (dagre, what GitHub uses for docs/pipelines.md), and checked from the SVG: every
// state has a box inside its parent's, every transition an edge of non-zero length with its label
// from its source's box to its target's, and highlighted states carry their class and colour.

const FILLS = { current: 'rgb(219, 234, 254)', visited: 'rgb(220, 252, 231)', failed: 'rgb(254, 226, 226)' };

let diagram: HarnessPage;
test.beforeAll(async ({ browser }) => {
  diagram = await openHarnessPage({ browser });
});
test.afterAll(async () => {
  await diagram?.close();
});

for (const { name, machine } of diagramCorpus) {
  for (const layout of ['elk', 'dagre'] as const) {
    test(`${name} is drawn faithfully (${layout})`, async () => {
      const expected = expectedDiagram(machine);
      const leaves = expected.states.filter((s) => !s.compound).map((s) => s.path);
      const highlight: DiagramHighlight = {
        current: leaves.slice(0, 1),
        visited: leaves.slice(1, 2),
        failed: leaves.slice(2, 3),
      };
      const text = toMermaid(machine, highlight);
      const ids = diagramStateIds(machine);
      // The console draws the layout source once, then marks states by toggling classes; the docs
      // (and exports) carry the class lines in the text.
      const svgId = await diagram.render(layout === 'elk' ? layoutSource(text) : text, layout);
      if (layout === 'elk') await diagram.highlight(ids, highlight);
      const drawn = await diagram.geometry(svgId);
      expect(checkDiagram(expected, drawn), text).toEqual([]);
      expect(drawn.edges.length).toBeGreaterThanOrEqual(expected.edges.length > 0 ? 1 : 0);
      for (const kind of ['current', 'visited', 'failed'] as const) {
        for (const path of highlight[kind] ?? []) {
          const state = drawn.states.find((s) => s.id === ids[path]);
          expect(state?.classes, `${path} marked ${kind}`).toContain(kind);
          expect(state?.fill, `${path} filled as ${kind}`).toBe(FILLS[kind]);
        }
      }
    });
  }
}

test('the checks see what plain Mermaid text loses (negative control)', async () => {
  const machine = createMachine({
    id: 'lossy',
    initial: 'idle',
    states: {
      idle: { on: { ping: 'idle', pong: 'idle', go: 'group' } },
      group: { initial: 'a', states: { a: { on: { reset: '#lossy.group' } }, b: {} }, on: { jump: '.b' } },
    },
  });
  // What a naive translation writes: edges straight to and from the compound state, one line per loop.
  const naive = [
    'stateDiagram-v2',
    '  [*] --> idle',
    '  idle',
    '  state group {',
    '    [*] --> group__a',
    '    state "a" as group__a',
    '    state "b" as group__b',
    '  }',
    '  idle --> idle : ping',
    '  idle --> idle : pong',
    '  idle --> group : go',
    '  group --> group__b : jump',
    '  group__a --> group : reset',
    '',
  ].join('\n');
  const problems = checkDiagram(
    expectedDiagram(machine),
    await diagram.geometry(await diagram.render(naive, 'dagre')),
  );
  expect(problems.join('\n')).toMatch(/transition #lossy --ping--> idle|transition idle --ping--> idle/);
  expect(problems.join('\n')).toMatch(/group --jump--> group\.b has no edge/);
  expect(problems.join('\n')).toMatch(/has no length/);
  const missing = naive
    .replace('    state "b" as group__b\n', '')
    .replace('  group --> group__b : jump\n', '');
  const missingProblems = checkDiagram(
    expectedDiagram(machine),
    await diagram.geometry(await diagram.render(missing, 'elk')),
  );
  expect(missingProblems).toContain('state group.b (group__b) has no box');
  // The faithful text of the same machine passes with both layouts.
  for (const layout of ['dagre', 'elk'] as const) {
    const drawn = await diagram.geometry(await diagram.render(toMermaid(machine), layout));
    expect(checkDiagram(expectedDiagram(machine), drawn)).toEqual([]);
  }
});
