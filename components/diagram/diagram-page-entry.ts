import type { MermaidConfig } from 'mermaid';
import type { DiagramHighlight } from '../../core/diagram/highlight-classes';
import { exportSvg, svgToPng } from './export-diagram';
import { type DiagramLayout, type DiagramTheme, renderMermaid } from './render-mermaid';
import { applyHighlight, stateBoxes } from './svg-highlight';

/**
 * The console's diagram code on a bare page, for what runs outside the console in Chromium: the CLI's
 * SVG/PNG export, the diagram browser tests and `npm run bench:diagram`. Bundled on demand.
 */
const api = {
  /** Draws `source` into the page (replacing the previous drawing) and returns the SVG's id. */
  async render(
    source: string,
    options: { theme?: DiagramTheme; layout?: DiagramLayout; id?: string; config?: MermaidConfig } = {},
  ) {
    const id = options.id ?? `diagram-${performance.now().toFixed(0)}`;
    const svg = await renderMermaid(id, source, options);
    const host =
      document.getElementById('diagram') ?? document.body.appendChild(document.createElement('div'));
    host.id = 'diagram';
    host.innerHTML = svg;
    return id;
  },
  /** Marks states on the drawn SVG the way the run page does (class toggles, no layout). */
  highlight(ids: Record<string, string>, highlight: DiagramHighlight, visits?: Record<string, number>) {
    const svg = document.querySelector<SVGSVGElement>('#diagram svg');
    if (!svg) throw new Error('nothing drawn yet');
    applyHighlight(stateBoxes(svg), ids, highlight, visits);
  },
  exportSvg,
  async exportPng(source: string): Promise<string> {
    const blob = await svgToPng(await exportSvg(source));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    return btoa(binary);
  },
};

export type DiagramPageApi = typeof api;

(globalThis as unknown as { signalboxDiagram: DiagramPageApi }).signalboxDiagram = api;
