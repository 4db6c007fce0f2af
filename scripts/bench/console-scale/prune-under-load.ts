import { createSystemActor } from '../../../core/auth/system-actor';
import { pruneRuns } from '../../../core/retention/prune-runs';
import { startRuns } from '../../../core/runs/start-runs';
import { allPipelines } from '../../../pipelines/all-pipelines';
import { chainPipeline, chainPipelineId } from '../bench-pipelines';
import { startInProcessWorker, transitionsPerSecond } from '../in-process-worker';

export interface PruneFigures {
  pruned: number;
  pruneSeconds: number;
  /** Transitions the worker committed per second before the prune, and while it ran. */
  baselinePerSecond: number;
  duringPerSecond: number;
}

const BASELINE_MS = 15_000;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A worker (concurrency 8) runs 10-step runs from a deep queue; its transitions per second are
 * measured for 15 s, then while `pruneRuns` deletes the runs that finished more than 80 days ago
 * (about a tenth of the seeded history) in its default batches.
 */
export async function pruneUnderLoad(databaseUrl: string): Promise<PruneFigures> {
  const pipelines = [...allPipelines, chainPipeline(10)];
  const { engine, stop } = await startInProcessWorker(databaseUrl, pipelines);
  const bench = createSystemActor('bench');
  try {
    for (let batch = 0; batch < 10; batch++) {
      await startRuns(
        engine,
        { pipelineId: chainPipelineId(10), runs: Array.from({ length: 500 }, () => ({ input: {} })) },
        bench,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 3_000)); // warm up
    const baseline = await transitionsPerSecond(engine, () => new Promise((r) => setTimeout(r, BASELINE_MS)));
    let pruned = 0;
    const started = Date.now();
    const during = await transitionsPerSecond(engine, async () => {
      const result = await pruneRuns(
        engine,
        {
          finishedBefore: new Date(Date.now() - 80 * DAY_MS),
          exceptPipelineIds: [chainPipelineId(10)],
          pauseMs: 20, // as the worker's daily prune
        },
        bench,
      );
      pruned = result.runs;
    });
    return {
      pruned,
      pruneSeconds: (Date.now() - started) / 1000,
      baselinePerSecond: baseline,
      duringPerSecond: during,
    };
  } finally {
    await stop();
  }
}
