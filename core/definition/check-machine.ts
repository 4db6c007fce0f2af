import type { AnyStateMachine } from 'xstate';

interface NodeLike {
  path: string[];
  type?: string;
  meta?: { step?: unknown };
  states: Record<string, NodeLike>;
  parent?: NodeLike;
  transitions: ReadonlyMap<string, unknown>;
  invoke: readonly unknown[];
}

const label = (node: NodeLike) => (node.path.length ? node.path.join('.') : '(root)');

/** Whether the node or one of its ancestors has a transition for `event`. */
function handles(node: NodeLike | undefined, event: string): boolean {
  for (let at = node; at; at = at.parent) if (at.transitions.has(event)) return true;
  return false;
}

/**
 * What the engine needs of a machine, checked when the pipeline is defined so that a mistake fails
 * at start-up with the state's name, not in the middle of a run:
 * - every state that runs a step handles that step's `step.<name>.done` and `step.<name>.failed`
 *   (itself or through an ancestor);
 * - no invoked actors: they live in memory and would not survive a worker restart; the engine runs
 *   work as steps (jobs). Delayed (`after`) transitions are fine: the engine runs them as durable
 *   timer jobs (see `withDurationDelays` and `timersOf`);
 * - no step runs in two regions of a parallel state at once: its `step.<name>.done` would reach both
 *   regions, so the first to end would move the other on too.
 */
export function checkMachine(pipelineId: string, machine: AnyStateMachine): void {
  const fail = (node: NodeLike, problem: string): never => {
    throw new Error(`pipeline '${pipelineId}': state '${label(node)}' ${problem}`);
  };
  /** The states that run each step. */
  const stepStates = new Map<string, NodeLike[]>();
  const visit = (node: NodeLike) => {
    if (node.invoke.length > 0) {
      fail(
        node,
        'invokes an actor; the engine does not run invoked actors: declare a step (meta: { step }) instead',
      );
    }
    const step = node.meta?.step;
    if (typeof step === 'string') {
      stepStates.set(step, [...(stepStates.get(step) ?? []), node]);
      for (const event of [`step.${step}.done`, `step.${step}.failed`]) {
        if (!handles(node, event)) fail(node, `runs step '${step}' but does not handle '${event}'`);
      }
    }
    for (const child of Object.values(node.states)) visit(child);
  };
  const root = machine.root as unknown as NodeLike;
  visit(root);
  for (const [step, nodes] of stepStates) {
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        if (!activeTogether(root, nodes[i]!, nodes[j]!)) continue;
        fail(
          nodes[j]!,
          `runs step '${step}', as does '${label(nodes[i]!)}' in another region of the same parallel state: each region needs a step of its own (its 'step.<name>.done' reaches every region)`,
        );
      }
    }
  }
}

/** Whether two states can be active at the same time: they sit in different regions of a parallel state. */
function activeTogether(root: NodeLike, a: NodeLike, b: NodeLike): boolean {
  let common = 0;
  while (common < a.path.length && common < b.path.length && a.path[common] === b.path[common]) common++;
  if (common === a.path.length || common === b.path.length) return false; // one contains the other
  let ancestor: NodeLike | undefined = root;
  for (const key of a.path.slice(0, common)) ancestor = ancestor?.states[key];
  return ancestor?.type === 'parallel';
}
