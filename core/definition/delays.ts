import type { AnyStateMachine } from 'xstate';

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};
const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;

/** `'48h'` → 172800000, `'90s'` → 90000, `'250ms'` → 250; undefined when it is not a duration. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  return Math.round(Number(match[1]) * UNIT_MS[match[2]!]!);
}

/** A short, readable duration: 172800000 → `2d`, 5400000 → `1h 30m`, 250 → `250ms`. */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${ms}ms`;
  if (ms < 60_000 && ms % 1_000 !== 0) return `${ms / 1_000}s`;
  const parts: string[] = [];
  let rest = Math.round(ms / 1_000);
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n}${unit}`);
    rest -= n * size;
  }
  return parts.slice(0, 2).join(' ');
}

interface NodeLike {
  path: string[];
  states: Record<string, NodeLike>;
  after: readonly { delay: string | number }[];
}

/**
 * The machine with every delay it names resolvable. XState reads `after: { '48h': … }` as a delay
 * *named* `48h`, and raises an unresolvable one at once: durations written as keys (`48h`, `15m`,
 * `500ms`) are provided here as named delays, so `after` means what it says. A name that is neither
 * a delay of `setup({ delays })` nor a duration fails with the state's name.
 */
export function withDurationDelays(pipelineId: string, machine: AnyStateMachine): AnyStateMachine {
  const named = (machine.implementations.delays ?? {}) as Record<string, unknown>;
  const provided: Record<string, number> = {};
  const visit = (node: NodeLike) => {
    for (const { delay } of node.after) {
      if (typeof delay === 'number' || delay in named) continue;
      const ms = parseDuration(delay);
      if (ms === undefined) {
        const where = node.path.length ? node.path.join('.') : '(root)';
        throw new Error(
          `pipeline '${pipelineId}': state '${where}' waits for delay '${delay}', which is neither a delay of setup({ delays }) nor a duration such as '48h', '15m', '30s' or '500ms'`,
        );
      }
      provided[delay] = ms;
    }
    for (const child of Object.values(node.states)) visit(child);
  };
  visit(machine.root as unknown as NodeLike);
  return Object.keys(provided).length ? machine.provide({ delays: provided }) : machine;
}
