import { getBulkAction, listFailedRunsAfter, recordBulkProgress } from '../../../db/queries/bulk-actions';
import type { Actor } from '../../auth/actor';
import type { Engine } from '../../engine';
import { AppError } from '../../errors';
import { performOperatorAction } from '../perform-operator-action';
import { toRunFilter } from '../run-filter';

/** Runs read per batch (memory stays bounded by it), and retried at once within a batch. */
const BATCH = 200;
const PARALLEL = 16;

/**
 * Does a background bulk retry (`startBackgroundRetry`): walks the failed runs matching its filter
 * in creation order, a batch at a time, retrying each as an operator command (each audited, by
 * `by`, whose name ties it to the action), and records progress and position after every batch.
 * A worker that takes the action over after a crash goes on after the last recorded position; a
 * run already retried is no longer failed and is not met again. Other runs keep running meanwhile:
 * each retry is one short statement.
 */
export async function runBackgroundRetry(engine: Engine, id: string, by: Actor): Promise<void> {
  const action = await getBulkAction(engine.db, id);
  if (action?.status !== 'running') return;
  const filter = toRunFilter(action.filter, engine.registry);
  let position = action.position ?? undefined;
  for (;;) {
    const batch = await listFailedRunsAfter(engine.db, filter, position, BATCH);
    if (batch.length === 0) break;
    let done = 0;
    let refused = 0;
    for (let i = 0; i < batch.length; i += PARALLEL) {
      await Promise.all(
        batch.slice(i, i + PARALLEL).map(async (run) => {
          try {
            await performOperatorAction(
              engine,
              {
                kind: 'retry',
                request: { runId: run.id, reason: action.reason ?? undefined, expectedVersion: run.version },
              },
              by,
            );
            done += 1;
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            refused += 1;
          }
        }),
      );
    }
    const last = batch.at(-1)!;
    position = { createdAt: last.createdAt, id: last.id };
    await recordBulkProgress(engine.db, id, { done, refused, position });
  }
  await recordBulkProgress(engine.db, id, { done: 0, refused: 0, finish: { status: 'succeeded' } });
  engine.logger.info({ bulkActionId: id }, 'bulk retry done');
}
