import { selectQueuePositions } from '../../db/queries/select-queue-positions';
import type { Engine } from '../engine';
import type { RunSummary } from '../runs/run-summary';
import { concurrencyOf } from '../runs/transition/concurrency-slots';

/**
 * Adds to each queued run of a list where it stands in its queue and why it waits: its pipeline is
 * paused, or its concurrency key is full (`concurrency limit (key feed-a, 1/1)`). The key is named
 * only with `showKey` (it comes from the input: readers who may see payloads).
 */
export async function withQueuePositions(
  engine: Engine,
  runs: RunSummary[],
  showKey = true,
): Promise<RunSummary[]> {
  const queued = runs.filter((run) => run.status === 'queued').map((run) => run.id);
  if (queued.length === 0) return runs;
  const positions = new Map((await selectQueuePositions(engine.db, queued)).map((p) => [p.runId, p]));
  return runs.map((run) => {
    const p = positions.get(run.id);
    if (!p) return run;
    let reason: string;
    if (p.pausedBy) reason = `pipeline paused by ${p.pausedBy}`;
    else if (p.slot) {
      const limit = concurrencyOf(engine.registry, run.pipelineId)?.maxConcurrentRuns ?? '∞';
      const key = p.slot.key && showKey ? `key ${p.slot.key}, ` : '';
      reason = `concurrency limit (${key}${p.slot.active}/${limit})`;
    } else reason = 'waiting for its step to start';
    return { ...run, queue: { position: p.position, of: p.of, reason } };
  });
}
