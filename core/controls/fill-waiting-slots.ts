import type { Executor } from '../../db/client';
import { selectWaitingSlotKeys } from '../../db/queries/fill-concurrency-slots';
import { lockPipelineSlots } from '../../db/queries/lock-concurrency-slots';
import type { Engine } from '../engine';
import { concurrencyOf, fillPipelineSlots } from '../runs/transition/concurrency-slots';

/** The limit of a pipeline that declares none any more: its waiting runs all start. */
const NO_LIMIT = 1_000_000_000;

/**
 * Starts the runs waiting for a concurrency slot that the pipelines' limits now allow. A limit is
 * code: a deploy raises or removes it, and until then waiting runs start only when a run of their key
 * ends. So a worker calls this as it starts (with the deployed limits), under each pipeline's slot
 * lock, as a resume does. Returns how many runs it started.
 */
export async function fillWaitingSlots(engine: Engine): Promise<number> {
  let started = 0;
  for (const pipeline of engine.registry.list()) {
    // Most pipelines have no waiting run: they are not locked at all.
    if ((await selectWaitingSlotKeys(engine.db, pipeline.id)).length === 0) continue;
    const limit = concurrencyOf(engine.registry, pipeline.id)?.maxConcurrentRuns ?? NO_LIMIT;
    started += await engine.db.transaction(async (tx) => {
      await lockPipelineSlots(tx as Executor, pipeline.id);
      return (await fillPipelineSlots(tx as Executor, pipeline.id, { maxConcurrentRuns: limit })).size;
    });
  }
  if (started > 0) engine.logger.info({ runs: started }, 'started runs waiting for a concurrency slot');
  return started;
}
