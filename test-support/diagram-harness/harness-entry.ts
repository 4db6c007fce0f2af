// The diagram page bundle plus what the diagram browser tests and benchmarks read from the page.
import '../../components/diagram/diagram-page-entry';
import { createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MermaidDiagram } from '../../components/diagram/mermaid-diagram';
import { type DiagramLayout, renderMermaid } from '../../components/diagram/render-mermaid';
import { applyHighlight, stateBoxes } from '../../components/diagram/svg-highlight';
import type { DiagramHighlight } from '../../core/diagram/highlight-classes';
import { collectGeometry } from './collect-geometry';

let benchRenders = 0;

/**
 * Milliseconds each of `runs` renders of `source` took, drawn into the page as the console does;
 * `cache: false` lays it out every time.
 */
async function timeRenders(
  source: string,
  layout: DiagramLayout,
  runs: number,
  cache: boolean,
): Promise<number[]> {
  const host = document.getElementById('diagram') as HTMLElement;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    benchRenders += 1;
    host.innerHTML = await renderMermaid(`bench-${benchRenders}`, source, { layout, cache });
    host.getBoundingClientRect();
    times.push(performance.now() - started);
  }
  return times;
}

/**
 * Milliseconds each highlight change took on the drawn SVG: classes toggled, then style and layout
 * flushed (what the browser must do before the next frame).
 */
function timeHighlights(ids: Record<string, string>, highlights: DiagramHighlight[]): number[] {
  const svg = document.querySelector<SVGSVGElement>('#diagram svg');
  if (!svg) throw new Error('nothing drawn yet');
  const boxes = stateBoxes(svg);
  return highlights.map((highlight) => {
    const started = performance.now();
    applyHighlight(boxes, ids, highlight);
    svg.getBoundingClientRect();
    for (const box of boxes.values()) getComputedStyle(box.firstElementChild ?? box).fill;
    return performance.now() - started;
  });
}

let root: Root | undefined;

/** Mounts the console's diagram component (toolbar, pan and zoom) in a box `width` pixels wide. */
function mountDiagram(
  source: string,
  ids: Record<string, string>,
  highlight: DiagramHighlight,
  width: number,
) {
  let host = document.getElementById('app');
  if (!host) {
    host = document.body.appendChild(document.createElement('div'));
    host.id = 'app';
    host.className = 'diagram';
  }
  host.style.width = `${width}px`;
  root ??= createRoot(host);
  root.render(createElement(MermaidDiagram, { source, ids, highlight, label: 'diagram' }));
}

Object.assign(globalThis, { collectGeometry, timeRenders, timeHighlights, mountDiagram });
