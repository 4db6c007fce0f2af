import type { DiagramHighlight } from './highlight-classes';

/** One recorded transition of a run, as the run page lists them (oldest first). */
export interface ReplayTransition {
  fromState: string | null;
  event: string;
  toState: string;
  at: string;
}

export interface ReplayStep {
  /** 1-based position in the run's history. */
  number: number;
  transition: ReplayTransition;
  /** Leaf states this transition entered (all of its target when it left and came back: a retry). */
  entered: string[];
  /** What the diagram marks after this step: where the run was then, and where it had been. */
  highlight: DiagramHighlight;
  /** Leaf state → how many times the run had entered it by this step (re-entries and retries count). */
  visits: Record<string, number>;
}

const leaves = (label: string | null) => (label ?? '').split(',').filter(Boolean);

/**
 * A run's transitions as steps to replay on its diagram, in the order they happened. Pure: the run
 * page steps through them (or plays them) by toggling classes on the drawn diagram.
 */
export function replaySteps(transitions: readonly ReplayTransition[]): ReplayStep[] {
  const visits: Record<string, number> = {};
  const seen = new Set<string>();
  return transitions.map((transition, index) => {
    const from = leaves(transition.fromState);
    const to = leaves(transition.toState);
    const fresh = to.filter((state) => !from.includes(state));
    const entered = fresh.length > 0 ? fresh : to;
    for (const state of entered) visits[state] = (visits[state] ?? 0) + 1;
    for (const state of [...from, ...to]) seen.add(state);
    return {
      number: index + 1,
      transition,
      entered,
      highlight: { current: to, visited: [...seen].filter((state) => !to.includes(state)) },
      visits: { ...visits },
    };
  });
}
