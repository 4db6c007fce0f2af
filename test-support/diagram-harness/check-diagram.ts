import type { Box, DrawnDiagram, DrawnEdge } from './collect-geometry';
import type { ExpectedEdge, ExpectedState } from './expected-diagram';

/** How far (px) an edge may end from its box: Mermaid stops arrows short of borders for the head. */
const REACH = 24;

function distance(point: { x: number; y: number }, box: Box): number {
  const dx = Math.max(box.x - point.x, 0, point.x - (box.x + box.width));
  const dy = Math.max(box.y - point.y, 0, point.y - (box.y + box.height));
  return Math.hypot(dx, dy);
}

function contains(outer: Box, inner: Box, slack = 1): boolean {
  return (
    inner.x >= outer.x - slack &&
    inner.y >= outer.y - slack &&
    inner.x + inner.width <= outer.x + outer.width + slack &&
    inner.y + inner.height <= outer.y + outer.height + slack
  );
}

/**
 * Every way the drawing falls short of the machine, as sentences (empty: faithful). Checks that each
 * state has one visible box inside its parent's box and labelled with its name, and that each
 * transition has an edge of non-zero length, carrying its label, from its source's box to its target's.
 */
export function checkDiagram(
  expected: { states: ExpectedState[]; edges: ExpectedEdge[] },
  drawn: DrawnDiagram,
): string[] {
  const problems: string[] = [];
  const boxes = new Map(drawn.states.map((state) => [state.id, state]));
  for (const state of expected.states) {
    const box = boxes.get(state.id);
    if (!box) {
      problems.push(`state ${state.path} (${state.id}) has no box`);
      continue;
    }
    if (box.box.width < 4 || box.box.height < 4) problems.push(`state ${state.path} has an empty box`);
    if (state.compound !== (box.kind === 'cluster'))
      problems.push(`state ${state.path} is drawn as a ${box.kind}`);
    if (!box.label.join(' ').includes(state.name)) {
      problems.push(`state ${state.path} is labelled "${box.label.join(' / ')}", not "${state.name}"`);
    }
    const parent = state.parentId ? boxes.get(state.parentId) : undefined;
    if (state.parentId && !parent) problems.push(`state ${state.path}: parent box ${state.parentId} missing`);
    if (parent && !contains(parent.box, box.box))
      problems.push(`state ${state.path} is drawn outside its parent`);
  }
  const area = (id: string | undefined) => (id ? boxes.get(id)?.box : drawn.svg);
  for (const edge of expected.edges) {
    const from = area(edge.fromId);
    const to = area(edge.toId);
    const candidates = drawn.edges.filter(
      (e) => e.label.includes(edge.label) || e.label.join(' ') === edge.label,
    );
    const drawnEdge = candidates.find(
      (e: DrawnEdge) =>
        e.length > 1 && from && to && distance(e.start, from) <= REACH && distance(e.end, to) <= REACH,
    );
    if (!drawnEdge) {
      const seen = candidates.map((e) => `${e.id} (length ${e.length.toFixed(0)})`).join(', ') || 'none';
      problems.push(
        `transition ${edge.description} has no edge from its source to its target (labelled: ${seen})`,
      );
    } else if (!drawnEdge.labelBox || drawnEdge.labelBox.width < 1) {
      problems.push(`transition ${edge.description}: label not drawn`);
    }
  }
  for (const e of drawn.edges) {
    if (e.length <= 1) problems.push(`edge ${e.id} (${e.label.join(' / ') || 'unlabelled'}) has no length`);
  }
  return problems;
}
