import type { AnyStateNode } from 'xstate';
import { hasChildren } from './diagram-plan';
import {
  CLASS_DEF_ORDER,
  CLASS_DEFS,
  type DiagramHighlight,
  type HighlightKind,
  highlightKind,
} from './highlight-classes';

/** `classDef` lines for the kinds used, then one `class <id> <kind>` line per marked simple state. */
export function highlightLines(
  states: readonly AnyStateNode[],
  ids: ReadonlyMap<AnyStateNode, string>,
  highlight: DiagramHighlight,
  indent: string,
): string[] {
  const classLines: string[] = [];
  const used = new Set<HighlightKind>();
  for (const node of states) {
    if (hasChildren(node)) continue;
    const kind = highlightKind(highlight, node.path.join('.'));
    if (!kind) continue;
    used.add(kind);
    classLines.push(`${indent}class ${ids.get(node)} ${kind}`);
  }
  const classDefs = CLASS_DEF_ORDER.filter((kind) => used.has(kind)).map(
    (kind) => `${indent}classDef ${kind} ${CLASS_DEFS[kind]}`,
  );
  return [...classDefs, ...classLines];
}
