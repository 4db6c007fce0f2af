// Mermaid's default layout (dagre) against ELK (@mermaid-js/layout-elk, two node placements) on the
// diagram corpus, in Chromium: edge crossings, edges drawn across states they do not touch, edge
// labels over a label or a state, overlapping states, the drawing's size, and fidelity problems.
// Prints one line per machine and the totals. Asserts nothing.
// Usage: npm run bench:diagram-layout -- [--only <name part>] [--screenshots <dir>]

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { MermaidConfig } from 'mermaid';
import type { DiagramLayout } from '../../components/diagram/render-mermaid';
import { layoutSource } from '../../core/diagram/highlight-classes';
import { toMermaid } from '../../core/diagram/to-mermaid';
import { diagramCorpus } from '../../test-support/diagram-corpus/diagram-corpus';
import { checkDiagram } from '../../test-support/diagram-harness/check-diagram';
import { expectedDiagram } from '../../test-support/diagram-harness/expected-diagram';
import { openHarnessPage } from '../../test-support/diagram-harness/harness-page';
import { layoutMetrics } from '../../test-support/diagram-harness/layout-metrics';

const { values } = parseArgs({ options: { screenshots: { type: 'string' }, only: { type: 'string' } } });
const VARIANTS: { name: string; layout: DiagramLayout; config: MermaidConfig }[] = [
  { name: 'dagre', layout: 'dagre', config: {} },
  { name: 'elk-bk', layout: 'elk', config: { elk: { nodePlacementStrategy: 'BRANDES_KOEPF' } } },
  { name: 'elk-ns', layout: 'elk', config: { elk: { nodePlacementStrategy: 'NETWORK_SIMPLEX' } } },
];
const MEASURES = ['crossings', 'edgesThroughStates', 'labelOverlaps', 'nodeOverlaps', 'problems'] as const;
const totals = new Map(VARIANTS.map((v) => [v.name, { area: 0, width: 0, height: 0, ...zero() }]));
function zero() {
  return Object.fromEntries(MEASURES.map((m) => [m, 0])) as Record<(typeof MEASURES)[number], number>;
}

const diagram = await openHarnessPage({ viewport: { width: 1280, height: 800 } });
if (values.screenshots) mkdirSync(values.screenshots, { recursive: true });
console.log(
  `cells: crossings / edges across states / label overlaps / state overlaps / fidelity problems, size`,
);
console.log(`${'machine'.padEnd(40)} ${VARIANTS.map((v) => v.name.padEnd(24)).join(' ')}`);
for (const [index, { name, machine }] of diagramCorpus.entries()) {
  if (values.only && !name.includes(values.only)) continue;
  const cells: string[] = [];
  for (const variant of VARIANTS) {
    const svgId = await diagram.render(layoutSource(toMermaid(machine)), variant.layout, variant.config);
    const drawn = await diagram.geometry(svgId);
    const row = { ...layoutMetrics(drawn), problems: checkDiagram(expectedDiagram(machine), drawn).length };
    const total = totals.get(variant.name)!;
    for (const m of MEASURES) total[m] += row[m];
    total.area += row.width * row.height;
    total.width = Math.max(total.width, row.width);
    total.height = Math.max(total.height, row.height);
    const size = `${row.width.toFixed(0)}×${row.height.toFixed(0)}`;
    cells.push(`${MEASURES.map((m) => row[m]).join('/')} ${size}`.padEnd(24));
    if (values.screenshots) {
      const file = `${String(index).padStart(2, '0')}-${variant.name}.png`;
      await diagram.page.locator('#diagram svg').screenshot({ path: join(values.screenshots, file) });
    }
  }
  console.log(`${name.slice(0, 40).padEnd(40)} ${cells.join(' ')}`);
}
await diagram.close();
console.log(`\ntotals over ${diagramCorpus.length} machines`);
for (const [name, t] of totals) {
  console.log(
    `${name.padEnd(7)} crossings ${t.crossings}, edges across states ${t.edgesThroughStates}, label overlaps ${t.labelOverlaps}, ` +
      `state overlaps ${t.nodeOverlaps}, fidelity problems ${t.problems}, total area ${(t.area / 1e6).toFixed(1)} Mpx², ` +
      `largest ${t.width.toFixed(0)}×${t.height.toFixed(0)} px`,
  );
}
