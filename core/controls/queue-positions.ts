import { selectQueuePositions } from '../../db/queries/select-queue-positions';
import type { Engine } from '../engine';
import type { RunSummary } from '../runs/run-summary';

/** Adds to each queued run of a list where it stands in its pipeline's queue and why it waits. */
export async function withQueuePositions(engine: Engine, runs: RunSummary[]): Promise<RunSummary[]> {
  const queued = runs.filter((run) => run.status === 'queued').map((run) => run.id);
  if (queued.length === 0) return runs;
  const positions = new Map((await selectQueuePositions(engine.db, queued)).map((p) => [p.runId, p]));
  return runs.map((run) => {
    const p = positions.get(run.id);
    if (!p) return run;
    const reason = p.pausedBy ? `pipeline paused by ${p.pausedBy}` : 'waiting for its step to start';
    return { ...run, queue: { position: p.position, of: p.of, reason } };
  });
}
