import type { Task } from 'graphile-worker';
import { createSystemActor } from '../../core/auth/system-actor';
import type { Engine } from '../../core/engine';
import { applyRetention, type RetentionPolicy } from '../../core/retention/apply-retention';

export const RETENTION_TASK = 'signalbox.retention';

/** Who the daily prune is audited as. */
const RETENTION_ACTOR = createSystemActor('worker:retention');

/**
 * The daily prune (a graphile-worker cron item: one worker runs each tick). Batches pause briefly
 * so the workers' own writes keep their pace; a worker shutting down stops it between batches
 * (the next tick carries on).
 */
export function retentionTask(engine: Engine, policy: RetentionPolicy): Task {
  return async (_payload, helpers) => {
    try {
      await applyRetention(engine, policy, RETENTION_ACTOR, { signal: helpers.abortSignal, pauseMs: 20 });
    } catch (error) {
      // Logged and audited (by the prune), not thrown: a failed job would stay in the queue's table,
      // and tomorrow's tick tries again anyway.
      engine.logger.error({ err: (error as Error).message }, 'daily prune failed');
    }
  };
}

/** Whether the daily prune has anything to do: a deployment retention or a pipeline's own. */
export function retentionWanted(
  engine: Engine,
  policy: RetentionPolicy | undefined,
): policy is RetentionPolicy {
  if (!policy) return false;
  return (
    policy.finishedRunsDays !== null ||
    policy.quarantineDays !== null ||
    engine.registry.list().some((pipeline) => pipeline.retention)
  );
}
