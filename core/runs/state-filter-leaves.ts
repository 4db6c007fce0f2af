import type { PipelineRegistry } from '../definition/pipeline-registry';

interface StateNodeLike {
  path: string[];
  type: string;
  states: Record<string, StateNodeLike>;
}

/**
 * What a state filter stands for, across every registered pipeline version: the state itself, or
 * every leaf below a compound state (`checks` → `checks.scanning`, `checks.classifying`), and
 * whether any machine has parallel states (whose runs carry labels of several leaves). Listing the
 * leaves lets the runs list and its counts use an index (`state = any(…)`) instead of splitting
 * every run's label.
 */
export function stateFilterLeaves(
  registry: PipelineRegistry,
  path: string,
): { path: string; leaves: string[]; parallel: boolean } {
  const leaves = new Set<string>([path]);
  let parallel = false;
  const visit = (node: StateNodeLike) => {
    const children = Object.values(node.states);
    const name = node.path.join('.');
    if (node.type === 'parallel') parallel = true;
    if (children.length === 0 && (name === path || name.startsWith(`${path}.`))) leaves.add(name);
    for (const child of children) visit(child);
  };
  for (const pipeline of registry.all()) visit(pipeline.machine.root as unknown as StateNodeLike);
  return { path, leaves: [...leaves].sort(), parallel };
}
