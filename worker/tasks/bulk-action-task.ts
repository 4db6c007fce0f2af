import type { Task } from 'graphile-worker';
import { z } from 'zod';
import { createSystemActor } from '../../core/auth/system-actor';
import type { Engine } from '../../core/engine';
import { runBackgroundRetry } from '../../core/runs/bulk/run-background-retry';
import { recordBulkProgress } from '../../db/queries/bulk-actions';

const BulkActionPayloadSchema = z.object({ id: z.uuid() });

/**
 * The graphile-worker task that does a bulk action (`startBackgroundRetry`). Each run's retry is
 * audited as `bulk-action:<id>`, whose row names the operator who confirmed it. An error retries the
 * job (from the recorded position); after its last attempt the action is marked failed.
 */
export function bulkActionTask(engine: Engine): Task {
  return async (payload, helpers) => {
    const parsed = BulkActionPayloadSchema.safeParse(payload);
    if (!parsed.success) {
      engine.logger.error({ jobId: helpers.job.id }, 'malformed bulk action payload; dropped');
      return;
    }
    const { id } = parsed.data;
    try {
      await runBackgroundRetry(engine, id, createSystemActor(`bulk-action:${id}`));
    } catch (error) {
      if (helpers.job.attempts >= helpers.job.max_attempts) {
        await recordBulkProgress(engine.db, id, {
          done: 0,
          refused: 0,
          finish: { status: 'failed', error: (error as Error).message },
        });
      }
      throw error;
    }
  };
}
