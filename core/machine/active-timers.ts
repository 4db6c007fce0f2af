import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import type { ActiveTimer } from '../../db/schema';

interface NodeLike {
  path: string[];
  after: readonly { delay: string | number; eventType: string }[];
}

type DelayImpl = number | ((args: { context: unknown; event: { type: string } }) => number);

/**
 * The delayed (`after`) transitions a snapshot waits for, by xstate event type, with their delays
 * resolved for this run's context (named delays may be functions of it). Not yet scheduled:
 * `since` and `dueAt` are set when the change is written (`settleTimers`).
 */
export function timersOf(snapshot: AnyMachineSnapshot): Record<string, ActiveTimer> {
  const timers: Record<string, ActiveTimer> = {};
  if (snapshot.status !== 'active') return timers;
  const delays = (snapshot.machine.implementations.delays ?? {}) as Record<string, DelayImpl>;
  const nodes = (snapshot as unknown as { _nodes: NodeLike[] })._nodes;
  for (const node of nodes) {
    for (const { delay, eventType } of node.after) {
      if (eventType in timers) continue;
      timers[eventType] = {
        state: node.path.join('.'),
        delay: String(delay),
        delayMs: resolveDelay(delays, delay, snapshot.context),
        since: null,
        dueAt: null,
      };
    }
  }
  return timers;
}

function resolveDelay(delays: Record<string, DelayImpl>, delay: string | number, context: unknown): number {
  if (typeof delay === 'number') return delay;
  const impl = delays[delay];
  const ms = typeof impl === 'function' ? impl({ context, event: { type: '' } }) : impl;
  // definePipeline made sure every delay resolves; a function may still return nonsense.
  return typeof ms === 'number' && Number.isFinite(ms) && ms >= 0 ? ms : 0;
}

interface TargetNode {
  states: Record<string, TargetNode>;
  after: readonly { eventType: string; target?: readonly { path: string[] }[] }[];
}

/** Where a pending timer leads (`expired`), or null when the machine no longer has it. */
export function timerTarget(machine: AnyStateMachine, state: string, event: string): string | null {
  let node: TargetNode | undefined = machine.root as unknown as TargetNode;
  for (const key of state ? state.split('.') : []) node = node?.states[key];
  const target = node?.after.find((t) => t.eventType === event)?.target?.[0];
  return target ? target.path.join('.') : null;
}
