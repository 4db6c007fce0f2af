import {
  type DiagramHighlight,
  type HighlightKind,
  highlightKind,
} from '../../core/diagram/highlight-classes';

const KINDS: readonly HighlightKind[] = ['current', 'visited', 'failed'];
const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * The drawn box of every state in a Mermaid SVG, by Mermaid id: simple states are `g.node`, compound
 * ones `g.statediagram-cluster`, both with the DOM id `<svg id>-state-<mermaid id>-<n>`.
 */
export function stateBoxes(svg: SVGSVGElement): Map<string, SVGGElement> {
  const prefix = `${svg.id}-state-`;
  const boxes = new Map<string, SVGGElement>();
  for (const g of svg.querySelectorAll<SVGGElement>('g.node, g.statediagram-cluster')) {
    if (!g.id.startsWith(prefix)) continue;
    const id = g.id.slice(prefix.length).replace(/-\d+$/, '');
    if (!boxes.has(id)) boxes.set(id, g);
  }
  return boxes;
}

/**
 * Marks states on an SVG already drawn from `layoutSource` text by toggling the `current`, `visited`
 * and `failed` classes (its classDefs carry their colours): no new layout, so a live run's diagram
 * never jumps. Simple states only, as `toMermaid` marks them. `visits` adds a `×n` badge to states
 * entered more than once (replay).
 */
export function applyHighlight(
  boxes: ReadonlyMap<string, SVGGElement>,
  ids: Readonly<Record<string, string>>,
  highlight: DiagramHighlight,
  visits: Readonly<Record<string, number>> = {},
): void {
  for (const [path, id] of Object.entries(ids)) {
    const box = boxes.get(id);
    if (!box?.classList.contains('node')) continue;
    const kind = highlightKind(highlight, path);
    for (const k of KINDS) box.classList.toggle(k, k === kind);
    setVisitBadge(box, visits[path] ?? 0);
  }
}

function setVisitBadge(box: SVGGElement, count: number): void {
  let badge = box.querySelector<SVGTextElement>(':scope > text.visit-count');
  if (count < 2) {
    badge?.remove();
    return;
  }
  if (!badge) {
    badge = document.createElementNS(SVG_NS, 'text');
    badge.setAttribute('class', 'visit-count');
    const shape = box.querySelector(':scope > rect, :scope > g > rect, :scope > circle');
    const bounds = shape instanceof SVGGraphicsElement ? shape.getBBox() : { x: 0, y: 0, width: 0 };
    badge.setAttribute('x', String(bounds.x + bounds.width - 2));
    badge.setAttribute('y', String(bounds.y - 3));
    badge.setAttribute('text-anchor', 'end');
    box.appendChild(badge);
  }
  badge.textContent = `×${count}`;
}
