import { getRun } from '../../../db/queries/get-run';
import type { Actor } from '../../auth/actor';
import type { Engine, TimerJobPayload } from '../../engine';
import { commitRunChange } from '../transition/commit-run-change';
import { decideTimerFire } from '../transition/decide-timer';
import { CONFLICT, retryOnConflict } from '../transition/retry-on-conflict';

/**
 * Runs one timer job: the delayed transition is committed (snapshot compare-and-set, history row,
 * next steps and timers) when the run still waits for exactly that timer; otherwise the job does
 * nothing (the run left the state, finished, or the timer was postponed: at-least-once jobs,
 * exactly-once transitions). A lost compare-and-set is decided again on the fresh run.
 */
export async function fireTimer(
  engine: Engine,
  payload: TimerJobPayload,
  by: Actor,
): Promise<'applied' | 'stale'> {
  return retryOnConflict(
    await getRun(engine.db, payload.runId),
    () => getRun(engine.db, payload.runId),
    async (run) => {
      if (!run) return 'stale' as const;
      const pipeline = engine.registry.get(run.pipelineId, run.pipelineVersion);
      const decision = decideTimerFire(pipeline, run, payload);
      if (decision.kind !== 'change') return 'stale' as const;
      const written = await commitRunChange(engine, { run }, decision.change, { by });
      if (!written) return CONFLICT;
      engine.logger.info(
        { runId: run.id, from: run.state, to: decision.change.update.state, event: payload.event },
        'timer fired',
      );
      return 'applied' as const;
    },
  );
}
