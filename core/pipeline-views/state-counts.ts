import type { StateStatusCount } from '../../db/queries/count-runs-by-state';

export type { StateStatusCount };

/** A state count as these functions read it (whether it was capped does not change the drawing). */
type CountedState = Pick<StateStatusCount, 'state' | 'status' | 'count'> & { capped?: boolean };

import type { DiagramHighlight } from '../diagram/to-mermaid';

const ACTIVE = new Set(['queued', 'running', 'waiting']);

/**
 * Runs per leaf state, for drawing on a pipeline's diagram. A parallel run (`a.x,b.y`) counts once in
 * each of its leaves. With `activeOnly`, only running and waiting runs count.
 */
export function leafStateCounts(rows: readonly CountedState[], activeOnly = false): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of rows) {
    if (activeOnly && !ACTIVE.has(row.status)) continue;
    for (const leaf of row.state.split(',').filter(Boolean)) counts[leaf] = (counts[leaf] ?? 0) + row.count;
  }
  return counts;
}

/** Counts on every state, states with active runs marked current, states holding failed runs marked failed. */
export function pipelineHighlight(rows: readonly CountedState[], activeOnly = false): DiagramHighlight {
  const current = new Set<string>();
  const failed = new Set<string>();
  const capped = new Set<string>();
  for (const row of rows) {
    const leaves = row.state.split(',').filter(Boolean);
    if (ACTIVE.has(row.status)) for (const leaf of leaves) current.add(leaf);
    if (row.status === 'failed' && !activeOnly) for (const leaf of leaves) failed.add(leaf);
    if (row.capped && (!activeOnly || ACTIVE.has(row.status))) for (const leaf of leaves) capped.add(leaf);
  }
  return {
    counts: leafStateCounts(rows, activeOnly),
    current: [...current],
    failed: [...failed],
    ...(capped.size > 0 && { cappedCounts: [...capped] }),
  };
}
