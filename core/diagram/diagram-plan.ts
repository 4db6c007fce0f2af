import type { AnyStateMachine, AnyStateNode, AnyTransitionDefinition } from 'xstate';
import { createIdAllocator, stateIdBase } from './mermaid-ids';
import { safeLabel } from './safe-label';
import { eventLabel, transitionLabel } from './transition-label';

/** A box that stands for no state of the machine but gives an edge somewhere to start or end. */
export interface PseudoState {
  id: string;
  label: string;
}

export interface PlannedEdge {
  from: string;
  to: string;
  /** One line per transition: several self-transitions of one state share one loop. */
  labels: string[];
}

/** Everything `toMermaid` draws, decided before a line is written. */
export interface DiagramPlan {
  root: AnyStateNode;
  /** A compound root is the diagram itself; a parallel or atomic root is drawn as a block. */
  rootIsDrawn: boolean;
  /** Every drawn state (and the root when drawn) → its Mermaid id. */
  ids: Map<AnyStateNode, string>;
  /** Pseudo-states by the state whose block declares them (the root: the top level). */
  pseudo: Map<AnyStateNode, PseudoState[]>;
  edges: PlannedEdge[];
  /** Notes by the Mermaid id of the state they are written next to. */
  notes: Map<string, string[]>;
}

/** Every state below `node`, parents before children, siblings in the order they were declared. */
export function descendants(node: AnyStateNode): AnyStateNode[] {
  return Object.values(node.states).flatMap((child) => [child, ...descendants(child)]);
}

export function hasChildren(node: AnyStateNode): boolean {
  return Object.keys(node.states).length > 0;
}

export function transitionsOf(node: AnyStateNode): AnyTransitionDefinition[] {
  return [...[...node.transitions.values()].flat(), ...(node.always ?? [])];
}

function isAncestor(ancestor: AnyStateNode, node: AnyStateNode): boolean {
  for (let at = node.parent; at; at = at.parent) if (at === ancestor) return true;
  return false;
}

/**
 * The state a history state enters when it has no history yet: its `target` (a sibling path, or
 * `#id`), else its parent's initial state, as xstate resolves it.
 */
export function historyDefault(machine: AnyStateMachine, history: AnyStateNode): AnyStateNode | undefined {
  const parent = history.parent;
  const target: unknown = (history.config as { target?: unknown }).target;
  const first = Array.isArray(target) ? target[0] : target;
  if (typeof first !== 'string') return parent?.initial?.target[0];
  try {
    if (first.startsWith('#')) return machine.getStateNodeById(first.slice(1));
    let node = parent;
    for (const key of first.replace(/^\./, '').split('.')) node = node?.states[key];
    return node;
  } catch {
    return undefined;
  }
}

/** Works out ids, pseudo-states, edges and notes (see `toMermaid` for what each case means). */
export function planDiagram(machine: AnyStateMachine): DiagramPlan {
  const root = machine.root;
  const states = descendants(root);
  const allocate = createIdAllocator();
  const ids = new Map<AnyStateNode, string>();
  for (const node of states) ids.set(node, allocate(stateIdBase(node.path)));
  const rootIsDrawn = root.type !== 'compound';
  if (rootIsDrawn) ids.set(root, allocate(stateIdBase([root.key])));

  // Pseudo-states are allocated after every state, so that real states keep their natural ids.
  const pseudo = new Map<AnyStateNode, PseudoState[]>();
  const pseudoIds = new Map<string, string>();
  const pseudoState = (owner: AnyStateNode, kind: 'any' | 'enter'): string => {
    const key = `${kind}:${owner.id}`;
    const known = pseudoIds.get(key);
    if (known) return known;
    const undrawnRoot = owner === root && !rootIsDrawn;
    const name = safeLabel(owner.key) || 'state';
    const id = undrawnRoot
      ? allocate(kind === 'any' ? 'any_state' : 'restart')
      : allocate(`${ids.get(owner)}__${kind === 'any' ? 'any' : 'enter'}`);
    const label =
      kind === 'any'
        ? undrawnRoot
          ? 'any state'
          : `any state in ${name}`
        : undrawnRoot
          ? `restart ${name}`
          : `re-enter ${name}`;
    pseudo.set(owner, [...(pseudo.get(owner) ?? []), { id, label }]);
    pseudoIds.set(key, id);
    return id;
  };

  const edges: PlannedEdge[] = [];
  const notes = new Map<string, string[]>();
  const note = (id: string, text: string) => notes.set(id, [...(notes.get(id) ?? []), text]);
  const addEdge = (from: string, to: string, label: string) => {
    // Mermaid draws only one loop per state: further self-transitions share it, one label line each.
    const loop = from === to ? edges.find((e) => e.from === from && e.to === to) : undefined;
    if (loop) loop.labels.push(label);
    else edges.push({ from, to, labels: [label] });
  };

  for (const source of [root, ...states]) {
    const ignored: string[] = [];
    for (const transition of transitionsOf(source)) {
      if (!transition.target?.length) {
        ignored.push(safeLabel(eventLabel(transition)));
        continue;
      }
      for (const target of transition.target) {
        const inward = target === source || isAncestor(source, target);
        const outward = target === source || isAncestor(target, source);
        const from =
          (source === root && !rootIsDrawn) || (hasChildren(source) && inward)
            ? pseudoState(source, 'any')
            : ids.get(source);
        const to =
          (target === root && !rootIsDrawn) || (hasChildren(target) && outward)
            ? pseudoState(target, 'enter')
            : ids.get(target);
        if (from !== undefined && to !== undefined) addEdge(from, to, transitionLabel(transition));
      }
    }
    const sourceId = ids.get(source) ?? (ignored.length ? pseudoState(source, 'any') : undefined);
    if (ignored.length && sourceId) note(sourceId, `no state change on ${[...new Set(ignored)].join(', ')}`);
  }

  for (const node of states) {
    if (node.type !== 'history') continue;
    const id = ids.get(node) ?? '';
    const target = historyDefault(machine, node);
    const to = target ? ids.get(target) : undefined;
    if (to) addEdge(id, to, 'default');
    if (node.parent?.type === 'parallel') {
      note(id, `history of ${safeLabel(node.parent.key)}, drawn in its first region`);
    }
  }
  return { root, rootIsDrawn, ids, pseudo, edges, notes };
}
