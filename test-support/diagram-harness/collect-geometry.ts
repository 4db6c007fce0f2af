/** A rectangle in page coordinates. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DrawnState {
  /** Mermaid id. */
  id: string;
  kind: 'node' | 'cluster';
  box: Box;
  /** The label's text, one entry per line. */
  label: string[];
  classes: string[];
  /** Computed fill of the state's shape. */
  fill: string;
}

export interface DrawnEdge {
  id: string;
  length: number;
  start: { x: number; y: number };
  end: { x: number; y: number };
  label: string[];
  labelBox: Box | null;
  /** The path sampled at about 60 points (at most every 6 px), for counting crossings. */
  points: { x: number; y: number }[];
}

export interface DrawnDiagram {
  svg: Box;
  states: DrawnState[];
  edges: DrawnEdge[];
}

/**
 * Reads what Mermaid drew, in page coordinates. Runs in the page (`page.evaluate(collectGeometry, id)`):
 * it must not use anything from outside its own body.
 */
export function collectGeometry(svgId: string): DrawnDiagram {
  const svg = document.getElementById(svgId) as unknown as SVGSVGElement;
  const box = (el: Element): Box => {
    const r = el.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  };
  const lines = (el: Element | null): string[] => {
    if (!el) return [];
    const outer = [...el.querySelectorAll('tspan.text-outer-tspan')];
    const texts = outer.length > 0 ? outer : [...el.querySelectorAll('text, p, span')].slice(0, 1);
    return texts.map((t) => (t.textContent ?? '').replace(/\s+/g, ' ').trim()).filter(Boolean);
  };
  const prefix = `${svgId}-state-`;
  const states: DrawnState[] = [];
  for (const g of svg.querySelectorAll('g.node, g.statediagram-cluster')) {
    if (!g.id.startsWith(prefix)) continue;
    const cluster = g.classList.contains('statediagram-cluster');
    const shape = cluster ? g.querySelector('rect.outer') : g.querySelector('rect, circle, path, polygon');
    states.push({
      id: g.id.slice(prefix.length).replace(/-\d+$/, ''),
      kind: cluster ? 'cluster' : 'node',
      box: box(shape ?? g),
      label: lines(cluster ? g.querySelector('.cluster-label') : g.querySelector('.label')),
      classes: [...g.classList],
      fill: shape ? getComputedStyle(shape).fill : '',
    });
  }
  const edges: DrawnEdge[] = [];
  for (const path of svg.querySelectorAll<SVGPathElement>('path[data-edge="true"]')) {
    const edgeId = path.getAttribute('data-id') ?? path.id;
    const length = path.getTotalLength();
    const matrix = path.getScreenCTM();
    const at = (distance: number) => {
      const p = path.getPointAtLength(distance);
      const q = matrix ? new DOMPoint(p.x, p.y).matrixTransform(matrix) : p;
      return { x: q.x, y: q.y };
    };
    const points = [];
    const step = Math.max(6, length / 60);
    for (let d = 0; d < length; d += step) points.push(at(d));
    points.push(at(length));
    const label = svg.querySelector(`.edgeLabel .label[data-id="${edgeId}"]`);
    const labelBox = label ? box(label) : null;
    edges.push({ id: edgeId, length, start: at(0), end: at(length), label: lines(label), labelBox, points });
  }
  return { svg: box(svg), states, edges };
}
