import { layoutSource } from './core/diagram/highlight-classes';
import { toMermaid } from './core/diagram/to-mermaid';
import { documentReview } from './pipelines/document-review/document-review.pipeline';
import { stagedMachine } from './test-support/diagram-corpus/corpus-names-and-size';
import { openHarnessPage } from './test-support/diagram-harness/harness-page';
import { layoutMetrics } from './test-support/diagram-harness/layout-metrics';

const d = await openHarnessPage();
const machines = { forty: stagedMachine('forty', 5, 7), doc: documentReview.machine };
const variants: Record<string, any> = {
  dagre: ['dagre', {}],
  elkBK: ['elk', {}],
  elkMerge: ['elk', { elk: { mergeEdges: true } }],
  elkNS: ['elk', { elk: { nodePlacementStrategy: 'NETWORK_SIMPLEX' } }],
  elkNSMerge: ['elk', { elk: { nodePlacementStrategy: 'NETWORK_SIMPLEX', mergeEdges: true } }],
  elkLS: ['elk', { elk: { nodePlacementStrategy: 'LINEAR_SEGMENTS' } }],
  elkModel: ['elk', { elk: { considerModelOrder: 'NODES_AND_EDGES', forceNodeModelOrder: true } }],
};
for (const [mn, m] of Object.entries(machines))
  for (const [name, [layout, config]] of Object.entries(variants)) {
    const text = layoutSource(toMermaid(m));
    const id = await d.render(text, layout, config);
    const g = await d.geometry(id);
    console.log(mn, name, JSON.stringify(layoutMetrics(g)));
    await d.page.locator('#diagram svg').screenshot({ path: `/tmp/dx/v-${mn}-${name}.png` });
  }
await d.close();
