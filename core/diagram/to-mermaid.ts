import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { type DiagramPlan, descendants, hasChildren, planDiagram } from './diagram-plan';
import type { DiagramHighlight } from './highlight-classes';
import { highlightLines } from './highlight-lines';
import { safeLabel } from './safe-label';

export type { DiagramHighlight } from './highlight-classes';

const INDENT = '  ';

/**
 * Renders an XState machine as Mermaid `stateDiagram-v2` text, in document order so the output of
 * an unchanged machine never changes (docs are diffed). The text is plain Mermaid: GitHub draws it
 * with its default layout, the console with ELK. How each part of a machine is drawn:
 *
 * - **States**: every state once, inside its parent's block. Its id is its path joined with `__`
 *   (`checks__scanning`), made a safe, unique identifier; its label is its own name, then
 *   ` / <step>` when `meta.step` names another step, ` (<n>)` for `highlight.counts`.
 * - **Compound** states are `state X { … }` blocks with `[*] --> initial`. **Parallel** states separate
 *   their regions with `--`. **Final** states get `X --> [*]`. A parallel (or atomic) root is drawn as
 *   one block named after the machine, because Mermaid cannot split its top level into regions.
 * - **History** states are boxes labelled `name (H)` (shallow) or `name (H*)` (deep), with an edge
 *   `default` to the state they enter when there is no history yet (their `target`, else their
 *   parent's initial state). Mermaid has no place for a state that belongs to a parallel state but to
 *   none of its regions: such a history state is drawn in the parallel state's first region, with a
 *   note saying so.
 * - **Transitions** are edges `A --> B : event [guard]`: step events read `extract done` /
 *   `extract failed`, onDone `done`, eventless ones `always`, delays `after 500ms`, invoke results
 *   `invoke done` / `invoke error`, `*` `any event`; a transition with `reenter: true` adds
 *   `(re-enter)`. A transition with several targets draws one edge per target.
 * - **Guards** show their names and parameters (`[greaterThan(10)]`), `and`/`or`/`not` composed
 *   (`[isSmall and (isBig or not isSmall)]`), `stateIn` with the state (`[in checks.scanning]`), and
 *   `[guard]` for an inline function. A guarded transition's fallback branch is drawn unguarded.
 * - **Edges between a compound state and its own descendants** (either way, or to itself) would have
 *   no length, as Mermaid draws a compound state's edges from its border. Instead the transition
 *   starts at a pseudo-state `any state in X` inside X's block (it applies in every state of X) and a
 *   transition that leaves and re-enters X ends at a pseudo-state `re-enter X` in X's block.
 *   Transitions declared on a compound root start from a top-level `any state`; transitions to the
 *   machine itself (`#machineId`) end at a top-level `restart <machine>`.
 * - **Several self-transitions** of one state share one loop, one label line each (`<br>`): Mermaid's
 *   default layout draws a single loop per state and silently drops the others.
 * - **Targetless transitions** (actions only, the state does not change) have no edge: a note next to
 *   the state lists their events (`no state change on log`).
 * - **Highlights** add `classDef` lines (only for the kinds used) and one `class <id> <kind>` line per
 *   marked state. Only simple states (atomic, final, history) are marked: Mermaid documents classes
 *   on composite states as unsupported, and the leaves under them carry the same information.
 *
 * Edges are all written at the top level, after every state is declared: Mermaid moves a state into
 * whichever block first mentions it, so an edge written inside `checks { … }` that pointed at a
 * top-level `failed` would draw `failed` inside `checks`.
 */
export function toMermaid(machine: AnyStateMachine, highlight: DiagramHighlight = {}): string {
  const plan = planDiagram(machine);
  const lines = ['stateDiagram-v2'];
  const idOf = (node: AnyStateNode) => plan.ids.get(node) ?? '';

  const emitExtras = (owner: AnyStateNode, depth: number) => {
    const pad = INDENT.repeat(depth);
    for (const pseudo of plan.pseudo.get(owner) ?? []) {
      lines.push(`${pad}state "${pseudo.label}" as ${pseudo.id}`);
      emitNotes(pseudo.id, depth);
    }
  };
  const emitNotes = (id: string, depth: number) => {
    for (const text of plan.notes.get(id) ?? [])
      lines.push(`${INDENT.repeat(depth)}note right of ${id} : ${text}`);
  };
  const emitChildren = (parent: AnyStateNode, depth: number) => {
    const pad = INDENT.repeat(depth);
    const children = Object.values(parent.states);
    if (parent.type === 'parallel') {
      // History states and pseudo-states belong to no region: they go before the first divider.
      for (const child of children.filter((c) => c.type === 'history')) emitState(child, depth);
      emitExtras(parent, depth);
      children
        .filter((c) => c.type !== 'history')
        .forEach((region, index) => {
          if (index > 0) lines.push(`${pad}--`);
          emitState(region, depth);
        });
      return;
    }
    const initial = initialChild(parent);
    if (initial) lines.push(`${pad}[*] --> ${idOf(initial)}`);
    for (const child of children) emitState(child, depth);
    emitExtras(parent, depth);
  };
  const emitState = (node: AnyStateNode, depth: number) => {
    const pad = INDENT.repeat(depth);
    const id = idOf(node);
    const label = stateLabel(node, highlight.counts?.[node.path.join('.')]) || id;
    const declaration = label === id ? id : `state "${label}" as ${id}`;
    if (hasChildren(node)) {
      lines.push(`${pad}${label === id ? `state ${id}` : declaration} {`);
      emitChildren(node, depth + 1);
      lines.push(`${pad}}`);
    } else {
      lines.push(`${pad}${declaration}`);
    }
    emitNotes(id, depth);
    if (node.type === 'final') lines.push(`${pad}${id} --> [*]`);
  };

  if (plan.rootIsDrawn) {
    lines.push(`${INDENT}[*] --> ${idOf(plan.root)}`);
    emitState(plan.root, 1);
  } else {
    emitChildren(plan.root, 1);
  }
  lines.push(...edgeLines(plan), ...highlightLines(descendants(plan.root), plan.ids, highlight, INDENT));
  return `${lines.join('\n')}\n`;
}

/**
 * The Mermaid id of every state, by dot-separated path (`checks.scanning` → `checks__scanning`), as
 * `toMermaid` writes them: the console finds a state's box in the drawn SVG with it.
 */
export function diagramStateIds(machine: AnyStateMachine): Record<string, string> {
  const { ids } = planDiagram(machine);
  return Object.fromEntries([...ids].map(([node, id]) => [node.path.join('.'), id]));
}

function edgeLines(plan: DiagramPlan): string[] {
  return plan.edges.map(({ from, to, labels }) => {
    const label = labels.filter(Boolean).join('<br>');
    return `${INDENT}${from} --> ${to}${label ? ` : ${label}` : ''}`;
  });
}

/** The child of `parent` that the initial transition enters (it may target a deeper descendant). */
function initialChild(parent: AnyStateNode): AnyStateNode | undefined {
  let node: AnyStateNode | undefined = parent.initial?.target[0];
  while (node && node.parent !== parent) node = node.parent;
  return node;
}

function stateLabel(node: AnyStateNode, count: number | undefined): string {
  const step: unknown = node.meta?.step;
  let label = safeLabel(node.key);
  if (typeof step === 'string' && step !== node.key) label += ` / ${safeLabel(step)}`;
  if (node.type === 'history') label += node.history === 'deep' ? ' (H*)' : ' (H)';
  if (typeof count === 'number' && Number.isFinite(count)) label += ` (${count})`;
  return label.trim();
}
