import type { Pipeline } from '../../core/definition/define-pipeline';
import { createEngine, type Engine } from '../../core/engine';
import { silentLogger } from '../../core/logger';
import { startWorker, type WorkerHandle } from '../../worker/run-worker';

export interface InProcessWorker {
  /** The bench's own engine (starting runs, counting). */
  engine: Engine;
  worker: WorkerHandle;
  stop(): Promise<void>;
}

/**
 * A worker in the bench's process (concurrency 8, no schedules, a 500 ms queue poll) and an engine
 * beside it: the load other work is measured against (a bulk retry, a prune).
 */
export async function startInProcessWorker(
  databaseUrl: string,
  pipelines: readonly Pipeline[],
): Promise<InProcessWorker> {
  const engine = createEngine({ database: databaseUrl, pipelines, logger: silentLogger, pool: { max: 4 } });
  const worker = await startWorker({
    databaseUrl,
    pipelines,
    logger: silentLogger,
    concurrency: 8,
    schedules: false,
    pollIntervalMs: 500,
  });
  return {
    engine,
    worker,
    async stop() {
      await worker.stop();
      await engine.close();
    },
  };
}

/**
 * Transitions committed per second while `during` runs: all of them, or only those of one
 * pipeline's runs (when the work measured writes transitions of its own).
 */
export async function transitionsPerSecond(
  engine: Engine,
  during: () => Promise<void>,
  pipelineId?: string,
): Promise<number> {
  const count = async () => {
    const [row] =
      pipelineId === undefined
        ? await engine.sql<{ n: string }[]>`select coalesce(max(id), 0)::text as n from transitions`
        : await engine.sql<{ n: string }[]>`
            select count(*)::text as n from transitions t join runs r on r.id = t.run_id
            where r.pipeline_id = ${pipelineId}`;
    return Number(row!.n);
  };
  const before = await count();
  const started = performance.now();
  await during();
  const seconds = (performance.now() - started) / 1000;
  return ((await count()) - before) / seconds;
}
