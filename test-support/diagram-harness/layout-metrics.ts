import type { Box, DrawnDiagram } from './collect-geometry';

export interface LayoutMetrics {
  /** Pairs of edges that cross (away from the boxes they start and end at). */
  crossings: number;
  /** Edge labels that overlap another label or a state's box. */
  labelOverlaps: number;
  /** States whose boxes overlap without one being inside the other. */
  nodeOverlaps: number;
  /** Edges drawn across a state's box that they neither start nor end in. */
  edgesThroughStates: number;
  width: number;
  height: number;
}

type Point = { x: number; y: number };

function overlapArea(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

function segmentsCross(p1: Point, p2: Point, p3: Point, p4: Point): boolean {
  const d = (a: Point, b: Point, c: Point) => (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
  const d1 = d(p3, p4, p1);
  const d2 = d(p3, p4, p2);
  const d3 = d(p1, p2, p3);
  const d4 = d(p1, p2, p4);
  return d1 * d2 < 0 && d3 * d4 < 0;
}

function bounds(points: Point[]): Box {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  // One pixel of slack: a straight edge has a bounding box of zero width.
  return { x: x - 1, y: y - 1, width: Math.max(...xs) - x + 2, height: Math.max(...ys) - y + 2 };
}

function inside(outer: Box, inner: Box): boolean {
  return (
    inner.x >= outer.x - 1 &&
    inner.y >= outer.y - 1 &&
    inner.x + inner.width <= outer.x + outer.width + 1 &&
    inner.y + inner.height <= outer.y + outer.height + 1
  );
}

/** Within 24 px of a box (arrows stop short of borders). */
const near = (p: Point, box: Box) =>
  p.x > box.x - 24 && p.x < box.x + box.width + 24 && p.y > box.y - 24 && p.y < box.y + box.height + 24;

/** More than 2 px inside a box. */
const strictlyIn = (p: Point, box: Box) =>
  p.x > box.x + 2 && p.x < box.x + box.width - 2 && p.y > box.y + 2 && p.y < box.y + box.height - 2;

/** Near an end of the edge: edges that meet at a shared box are not crossing there. */
const nearEnds = (p: Point, ends: Point[]) => ends.some((e) => Math.hypot(e.x - p.x, e.y - p.y) < 12);

/** How readable a drawing is: crossings, overlaps and size (the layout comparison's measures). */
export function layoutMetrics(drawn: DrawnDiagram): LayoutMetrics {
  let crossings = 0;
  for (let i = 0; i < drawn.edges.length; i++) {
    for (let j = i + 1; j < drawn.edges.length; j++) {
      const a = drawn.edges[i]!;
      const b = drawn.edges[j]!;
      if (overlapArea(bounds(a.points), bounds(b.points)) === 0) continue;
      const ends = [a.start, a.end, b.start, b.end];
      let crossed = false;
      for (let s = 1; s < a.points.length && !crossed; s++) {
        for (let t = 1; t < b.points.length && !crossed; t++) {
          const p = a.points[s - 1]!;
          const q = a.points[s]!;
          if (nearEnds(p, ends)) continue;
          crossed = segmentsCross(p, q, b.points[t - 1]!, b.points[t]!);
        }
      }
      if (crossed) crossings++;
    }
  }
  const labels = drawn.edges.flatMap((e) => (e.labelBox && e.labelBox.width > 1 ? [e.labelBox] : []));
  const nodes = drawn.states.filter((s) => s.kind === 'node').map((s) => s.box);
  let labelOverlaps = 0;
  labels.forEach((label, i) => {
    const hitsLabel = labels.some((other, j) => j !== i && overlapArea(label, other) > 4);
    const hitsNode = nodes.some((node) => overlapArea(label, node) > 4);
    if (hitsLabel || hitsNode) labelOverlaps++;
  });
  const boxes = drawn.states.map((s) => s.box);
  let nodeOverlaps = 0;
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i]!, boxes[j]!];
      if (overlapArea(a, b) > 4 && !inside(a, b) && !inside(b, a)) nodeOverlaps++;
    }
  }
  let edgesThroughStates = 0;
  for (const edge of drawn.edges) {
    const touched = boxes.filter((box) => near(edge.start, box) || near(edge.end, box));
    const middle = edge.points.filter((p) => !nearEnds(p, [edge.start, edge.end]));
    const crossed = boxes.some(
      (box) => !touched.some((t) => inside(box, t)) && middle.some((p) => strictlyIn(p, box)),
    );
    if (crossed) edgesThroughStates++;
  }
  return {
    crossings,
    labelOverlaps,
    nodeOverlaps,
    edgesThroughStates,
    width: drawn.svg.width,
    height: drawn.svg.height,
  };
}
