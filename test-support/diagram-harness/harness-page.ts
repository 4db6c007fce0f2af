import { join } from 'node:path';
import type { MermaidConfig } from 'mermaid';
import type { Browser } from 'playwright-core';
import { type DiagramPage, openDiagramPage } from '../../cli/diagram-browser';
import type { DiagramPageApi } from '../../components/diagram/diagram-page-entry';
import type { DiagramLayout } from '../../components/diagram/render-mermaid';
import type { DiagramHighlight } from '../../core/diagram/highlight-classes';
import type { collectGeometry, DrawnDiagram } from './collect-geometry';

const HARNESS_ENTRY = join(import.meta.dirname, 'harness-entry.ts');

type HarnessWindow = { signalboxDiagram: DiagramPageApi; collectGeometry: typeof collectGeometry };

/** A Chromium page that draws Mermaid with the console's code and reads back what was drawn. */
export interface HarnessPage extends DiagramPage {
  render(source: string, layout: DiagramLayout, config?: MermaidConfig): Promise<string>;
  highlight(ids: Record<string, string>, highlight: DiagramHighlight): Promise<void>;
  geometry(svgId: string): Promise<DrawnDiagram>;
}

export async function openHarnessPage(
  options: { browser?: Browser; viewport?: { width: number; height: number } } = {},
): Promise<HarnessPage> {
  const opened = await openDiagramPage({ ...options, entry: HARNESS_ENTRY });
  const page = opened.page;
  return {
    ...opened,
    render: (source, layout, config) =>
      page.evaluate(
        ([s, l, c]) =>
          (globalThis as unknown as HarnessWindow).signalboxDiagram.render(s, { layout: l, config: c }),
        [source, layout, config] as const,
      ),
    highlight: (ids, highlight) =>
      page.evaluate(([i, h]) => (globalThis as unknown as HarnessWindow).signalboxDiagram.highlight(i, h), [
        ids,
        highlight,
      ] as const),
    geometry: (svgId) =>
      page.evaluate((id) => (globalThis as unknown as HarnessWindow).collectGeometry(id), svgId),
  };
}
