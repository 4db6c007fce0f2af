import type { AnyStateMachine } from 'xstate';

interface NodeLike {
  path: string[];
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
 *   timer jobs (see `withDurationDelays` and `timersOf`).
 */
export function checkMachine(pipelineId: string, machine: AnyStateMachine): void {
  const fail = (node: NodeLike, problem: string): never => {
    throw new Error(`pipeline '${pipelineId}': state '${label(node)}' ${problem}`);
  };
  const visit = (node: NodeLike) => {
    if (node.invoke.length > 0) {
      fail(
        node,
        'invokes an actor; the engine does not run invoked actors: declare a step (meta: { step }) instead',
      );
    }
    const step = node.meta?.step;
    if (typeof step === 'string') {
      for (const event of [`step.${step}.done`, `step.${step}.failed`]) {
        if (!handles(node, event)) fail(node, `runs step '${step}' but does not handle '${event}'`);
      }
    }
    for (const child of Object.values(node.states)) visit(child);
  };
  visit(machine.root as unknown as NodeLike);
}
