import type { AnyStateMachine, AnyStateNode, AnyTransitionDefinition } from 'xstate';
import { createIdAllocator, stateIdBase } from './mermaid-ids';
import { safeLabel } from './safe-label';
import { transitionLabel } from './transition-label';

/** What to mark on a diagram: state paths are dot-separated from the root, e.g. `checks.scanning`. */
export interface DiagramHighlight {
  /** Leaf states the run is in now. */
  current?: string[];
  /** States the run passed through (any depth). */
  visited?: string[];
  /** States where a step failed, or failure states the run reached. */
  failed?: string[];
  /** State path → number of runs there now, shown in the state's label: `scanning (3)`. */
  counts?: Record<string, number>;
}

type HighlightKind = 'current' | 'visited' | 'failed';

/** Fixed light fills with dark text, so highlighted states stay readable in the dark theme too. */
const CLASS_DEFS: Record<HighlightKind, string> = {
  current: 'fill:#dbeafe,stroke:#1d4ed8,stroke-width:3px,color:#0f172a,font-weight:bold',
  visited: 'fill:#dcfce7,stroke:#15803d,color:#0f172a',
  failed: 'fill:#fee2e2,stroke:#b91c1c,stroke-width:2px,color:#0f172a',
};

/** A state gets one class: a failure matters most, then where the run is now, then where it has been. */
const PRECEDENCE: readonly HighlightKind[] = ['failed', 'current', 'visited'];
/** The order classDef lines are written in, independent of which highlights were passed. */
const CLASS_DEF_ORDER: readonly HighlightKind[] = ['current', 'visited', 'failed'];

const INDENT = '  ';

/**
 * Renders an XState machine as Mermaid `stateDiagram-v2` text, in document order so the output of
 * an unchanged machine never changes (docs are diffed).
 *
 * - Each state's Mermaid id is its path joined with `__` (`checks__scanning`), made a safe, unique
 *   identifier; its label is its own name, followed by ` / <step>` when `meta.step` names a different
 *   step and by ` (<n>)` when `highlight.counts` has a number for it.
 * - Compound states become `state X { … }` blocks with `[*] --> initial`; parallel states separate
 *   their regions with `--`; final states get `X --> [*]`. A parallel (or atomic) root is drawn as one
 *   block named after the machine, because Mermaid cannot split its top level into regions.
 * - Transitions read `A --> B : event [guard]`: step events as `extract done` / `extract failed`,
 *   onDone as `done`, eventless ones as `always`, delays as `after 500ms`. Targetless transitions are
 *   left out. Transitions declared on a compound root (e.g. `cancel` from anywhere) start from a
 *   pseudo-state labelled "any state".
 * - Highlights add `classDef` lines (only for the kinds used) and one `class <id> <kind>` line per
 *   marked state. Only simple states (atomic, final, history) are marked: Mermaid documents classes
 *   on composite states as unsupported, and the leaves under them carry the same information.
 *
 * Edges are all written at the top level, after every state is declared: Mermaid moves a state into
 * whichever block first mentions it, so an edge written inside `checks { … }` that pointed at a
 * top-level `failed` would draw `failed` inside `checks`.
 */
export function toMermaid(machine: AnyStateMachine, highlight: DiagramHighlight = {}): string {
  const root = machine.root;
  const states = descendants(root);
  const allocate = createIdAllocator();
  const ids = new Map<AnyStateNode, string>();
  for (const node of states) ids.set(node, allocate(stateIdBase(node.path)));
  // A compound root is the diagram itself; anything else needs a block of its own.
  const rootIsDrawn = root.type !== 'compound';
  if (rootIsDrawn) ids.set(root, allocate(stateIdBase([root.key])));

  const idOf = (node: AnyStateNode) => ids.get(node) ?? '';
  const lines = ['stateDiagram-v2'];

  const emitChildren = (parent: AnyStateNode, depth: number) => {
    const pad = INDENT.repeat(depth);
    const initial = parent.type === 'compound' ? initialChild(parent) : undefined;
    if (initial) lines.push(`${pad}[*] --> ${idOf(initial)}`);
    Object.values(parent.states).forEach((child, index) => {
      if (parent.type === 'parallel' && index > 0) lines.push(`${pad}--`);
      emitState(child, depth);
    });
  };

  const emitState = (node: AnyStateNode, depth: number) => {
    const pad = INDENT.repeat(depth);
    const id = idOf(node);
    const label = stateLabel(node, highlight.counts?.[node.path.join('.')]) || id;
    if (hasChildren(node)) {
      lines.push(`${pad}${label === id ? `state ${id}` : `state "${label}" as ${id}`} {`);
      emitChildren(node, depth + 1);
      lines.push(`${pad}}`);
    } else {
      lines.push(`${pad}${label === id ? id : `state "${label}" as ${id}`}`);
    }
    if (node.type === 'final') lines.push(`${pad}${id} --> [*]`);
  };

  if (rootIsDrawn) {
    lines.push(`${INDENT}[*] --> ${idOf(root)}`);
    emitState(root, 1);
  } else {
    emitChildren(root, 1);
  }

  // Transitions declared on a compound root apply in every state, so they start from one pseudo-state,
  // allocated after every state so that real states keep their natural ids.
  const rootHasEdges =
    !rootIsDrawn && transitionsOf(root).some((t) => t.target?.some((node) => ids.has(node)));
  const anyStateId = rootHasEdges ? allocate('any_state') : undefined;
  if (anyStateId) lines.push(`${INDENT}state "any state" as ${anyStateId}`);
  const edges: string[] = [];
  for (const source of [root, ...states]) {
    const from = ids.get(source) ?? anyStateId;
    for (const transition of transitionsOf(source)) {
      for (const target of transition.target ?? []) {
        const to = ids.get(target);
        // A target of the undrawn root itself has no box to point at.
        if (from === undefined || to === undefined) continue;
        const label = transitionLabel(transition);
        edges.push(`${INDENT}${from} --> ${to}${label ? ` : ${label}` : ''}`);
      }
    }
  }
  lines.push(...edges, ...highlightLines(states, ids, highlight));
  return `${lines.join('\n')}\n`;
}

/** Every state below `node`, parents before children, siblings in the order they were declared. */
function descendants(node: AnyStateNode): AnyStateNode[] {
  return Object.values(node.states).flatMap((child) => [child, ...descendants(child)]);
}

function hasChildren(node: AnyStateNode): boolean {
  return Object.keys(node.states).length > 0;
}

/** The child of `parent` that the initial transition enters (it may target a deeper descendant). */
function initialChild(parent: AnyStateNode): AnyStateNode | undefined {
  let node: AnyStateNode | undefined = parent.initial?.target[0];
  while (node && node.parent !== parent) node = node.parent;
  return node;
}

function transitionsOf(node: AnyStateNode): AnyTransitionDefinition[] {
  return [...[...node.transitions.values()].flat(), ...(node.always ?? [])];
}

function stateLabel(node: AnyStateNode, count: number | undefined): string {
  const step: unknown = node.meta?.step;
  let label = safeLabel(node.key);
  if (typeof step === 'string' && step !== node.key) label += ` / ${safeLabel(step)}`;
  if (node.type === 'history') label += node.history === 'deep' ? ' (H*)' : ' (H)';
  if (typeof count === 'number' && Number.isFinite(count)) label += ` (${count})`;
  return label.trim();
}

function highlightLines(
  states: readonly AnyStateNode[],
  ids: ReadonlyMap<AnyStateNode, string>,
  highlight: DiagramHighlight,
): string[] {
  const marked = Object.fromEntries(
    PRECEDENCE.map((kind) => [kind, new Set(highlight[kind] ?? [])]),
  ) as Record<HighlightKind, Set<string>>;
  const classLines: string[] = [];
  const used = new Set<HighlightKind>();
  for (const node of states) {
    if (hasChildren(node)) continue;
    const path = node.path.join('.');
    const kind = PRECEDENCE.find((k) => marked[k].has(path));
    if (!kind) continue;
    used.add(kind);
    classLines.push(`${INDENT}class ${ids.get(node)} ${kind}`);
  }
  const classDefs = CLASS_DEF_ORDER.filter((kind) => used.has(kind)).map(
    (kind) => `${INDENT}classDef ${kind} ${CLASS_DEFS[kind]}`,
  );
  return [...classDefs, ...classLines];
}
