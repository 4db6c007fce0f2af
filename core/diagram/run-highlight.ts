import type { DiagramHighlight } from './highlight-classes';

export interface RunPosition {
  /** `runs.state`: leaf paths joined by ','. */
  state: string;
  status: string;
  /** The state whose step failed for good, if the run is failed. */
  failedState: string | null;
}

const leaves = (label: string) => label.split(',').filter(Boolean);

/**
 * What a run's diagram highlights: the states it is in now, the states it passed through (from its
 * transitions), and where it failed — the state whose step failed and, for a failed run, the failure
 * state it ended in.
 */
export function runHighlight(run: RunPosition, visitedStates: readonly string[]): DiagramHighlight {
  const current = leaves(run.state);
  const failed = new Set<string>();
  if (run.failedState) failed.add(run.failedState);
  if (run.status === 'failed') for (const state of current) failed.add(state);
  const visited = [...new Set(visitedStates.flatMap(leaves))].filter((state) => !current.includes(state));
  return { current, visited, failed: [...failed] };
}
