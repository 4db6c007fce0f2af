import { expect, test } from '@playwright/test';
import { type DiagramPage, openDiagramPage } from '../cli/diagram-browser';
import type { DiagramPageApi } from '../components/diagram/diagram-page-entry';
import type { DiagramLayout } from '../components/diagram/render-mermaid';
import { type DiagramHighlight, layoutSource } from '../core/diagram/highlight-classes';
import { diagramStateIds, toMermaid } from '../core/diagram/to-mermaid';
import { diagramCorpus } from '../test-support/diagram-corpus/diagram-corpus';
import { checkDiagram } from '../test-support/diagram-harness/check-diagram';
import { collectGeometry } from '../test-support/diagram-harness/collect-geometry';
import { expectedDiagram } from '../test-support/diagram-harness/expected-diagram';

// Every corpus machine drawn by real Mermaid in Chromium, with the console's layout (ELK) and with
// Mermaid's default (dagre, what GitHub uses for docs/pipelines.md), and checked from the SVG.

const FILLS = { current: 'rgb(219, 234, 254)', visited: 'rgb(220, 252, 231)', failed: 'rgb(254, 226, 226)' };

let diagram: DiagramPage;
test.beforeAll(async ({ browser }) => {
  diagram = await openDiagramPage({ browser });
});
test.afterAll(async () => {
  await diagram?.close();
});

const render = (source: string, layout: DiagramLayout) =>
  diagram.page.evaluate(
    ([s, l]) =>
      (globalThis as unknown as { signalboxDiagram: DiagramPageApi }).signalboxDiagram.render(s, {
        layout: l,
      }),
    [source, layout] as const,
  );

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
      // The console draws the layout source once, then marks states by toggling classes.
      const source = layout === 'elk' ? layoutSource(text) : text;
      const svgId = await render(source, layout);
      if (layout === 'elk') {
        await diagram.page.evaluate(
          ([ids, h]) =>
            (globalThis as unknown as { signalboxDiagram: DiagramPageApi }).signalboxDiagram.highlight(
              ids,
              h,
            ),
          [diagramStateIds(machine), highlight] as const,
        );
      }
      const drawn = await diagram.page.evaluate(collectGeometry, svgId);
      expect(checkDiagram(expected, drawn), text).toEqual([]);

      const ids = diagramStateIds(machine);
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
