import type { RunQueue } from '../../contracts/run-page';
import { selectQueuePositions } from '../../db/queries/select-queue-positions';
import type { Engine } from '../engine';
import type { RunSummary } from '../runs/run-summary';
import { concurrencyOf } from '../runs/transition/concurrency-slots';

type QueuedRun = Pick<RunSummary, 'id' | 'status' | 'pipelineId'>;

/**
 * Where each queued run of these stands in its queue and why it waits: its pipeline is paused, or its
 * concurrency key is full (`concurrency limit (key feed-a, 1/1)`: runs holding a slot / the limit).
 * The key is named only with `showKey` (it comes from the input: readers who may see payloads).
 */
export async function queueStandings(
  engine: Engine,
  runs: readonly QueuedRun[],
  showKey: boolean,
): Promise<Map<string, RunQueue>> {
  const queued = runs.filter((run) => run.status === 'queued');
  const standings = new Map<string, RunQueue>();
  if (queued.length === 0) return standings;
  const pipelineOf = new Map(queued.map((run) => [run.id, run.pipelineId]));
  for (const p of await selectQueuePositions(
    engine.db,
    queued.map((run) => run.id),
  )) {
    let reason: string;
    if (p.pausedBy) reason = `pipeline paused by ${p.pausedBy}`;
    else if (p.slot) {
      const pipelineId = pipelineOf.get(p.runId) ?? '';
      const limit = concurrencyOf(engine.registry, pipelineId)?.maxConcurrentRuns ?? '∞';
      const key = p.slot.key && showKey ? `key ${p.slot.key}, ` : '';
      reason = `concurrency limit (${key}${p.slot.active}/${limit})`;
    } else reason = 'waiting for its step to start';
    standings.set(p.runId, { position: p.position, of: p.of, reason });
  }
  return standings;
}

/** Adds to each queued run of a list where it stands in its queue and why it waits (`queueStandings`). */
export async function withQueuePositions(
  engine: Engine,
  runs: RunSummary[],
  showKey = true,
): Promise<RunSummary[]> {
  const standings = await queueStandings(engine, runs, showKey);
  if (standings.size === 0) return runs;
  return runs.map((run) => {
    const queue = standings.get(run.id);
    return queue ? { ...run, queue } : run;
  });
}
