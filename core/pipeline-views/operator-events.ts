import type { AnyStateMachine } from 'xstate';
import { isReservedEvent } from '../machine/machine-snapshot';

interface NodeLike {
  transitions: ReadonlyMap<string, unknown>;
  states: Record<string, NodeLike>;
}

/**
 * The events an operator can send to a pipeline's runs (e.g. `approve`, `reject`), in document order:
 * every event a state declares, minus step outcomes, engine and xstate internals, wildcards and
 * `cancel`, which the console sends through "Cancel run" (cancelRun uses the machine's own `cancel`).
 */
export function operatorEvents(machine: AnyStateMachine): string[] {
  const events = new Set<string>();
  const visit = (node: NodeLike) => {
    for (const type of node.transitions.keys()) {
      if (type && type !== '*' && type !== 'cancel' && !isReservedEvent(type)) events.add(type);
    }
    for (const child of Object.values(node.states)) visit(child);
  };
  visit(machine.root as unknown as NodeLike);
  return [...events];
}
