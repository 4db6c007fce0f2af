import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { descendants, hasChildren, historyDefault, transitionsOf } from '../../core/diagram/diagram-plan';
import { safeLabel } from '../../core/diagram/safe-label';
import { diagramStateIds } from '../../core/diagram/to-mermaid';
import { transitionLabel } from '../../core/diagram/transition-label';

export interface ExpectedState {
  path: string;
  id: string;
  /** Mermaid id of the parent's box; undefined at the top level (or for the drawn root itself). */
  parentId?: string;
  compound: boolean;
  /** The state's own name as it must appear in its label. */
  name: string;
}

export interface ExpectedEdge {
  /** `path --event--> path`, for messages. */
  description: string;
  /** Mermaid ids of the boxes the edge must start and end in; undefined: anywhere (the undrawn root). */
  fromId?: string;
  toId?: string;
  /** The label line the edge must carry. */
  label: string;
}

/**
 * What a faithful drawing of `machine` must show, worked out from the machine itself: every state
 * with its parent, and every transition with a target (and every history state's default).
 */
export function expectedDiagram(machine: AnyStateMachine): {
  states: ExpectedState[];
  edges: ExpectedEdge[];
} {
  const ids = diagramStateIds(machine);
  const idOf = (node: AnyStateNode) => ids[node.path.join('.')];
  const path = (node: AnyStateNode) => node.path.join('.') || `#${machine.id}`;
  const states = descendants(machine.root).map((node) => ({
    path: path(node),
    id: ids[path(node)] ?? '?',
    parentId: node.parent ? idOf(node.parent) : undefined,
    compound: hasChildren(node),
    name: safeLabel(node.key),
  }));
  const edges: ExpectedEdge[] = [];
  for (const source of [machine.root, ...descendants(machine.root)]) {
    for (const transition of transitionsOf(source)) {
      for (const target of transition.target ?? []) {
        const label = transitionLabel(transition);
        edges.push({
          description: `${path(source)} --${label}--> ${path(target)}`,
          fromId: idOf(source),
          toId: idOf(target),
          label,
        });
      }
    }
    if (source.type === 'history') {
      const target = historyDefault(machine, source);
      if (target) {
        edges.push({
          description: `${path(source)} --default--> ${path(target)}`,
          fromId: idOf(source),
          toId: idOf(target),
          label: 'default',
        });
      }
    }
  }
  return { states, edges };
}
