import { type AttemptEnd, finishAttempt } from '../../db/queries/finish-attempt';
import { getRun } from '../../db/queries/get-run';
import type { RunRecord } from '../../db/queries/run-record';
import type { Engine, StepJobPayload } from '../engine';
import { commitRunChange } from './commit-run-change';
import { isCurrentStep } from './step-instance';

/**
 * Records a failed attempt and enqueues the next one after `delayMs`, atomically. Not a
 * transition: the machine only hears about the step once its attempts are used up.
 */
export async function scheduleStepRetry(
  engine: Engine,
  args: { run: RunRecord; payload: StepJobPayload; attemptId: number; end: AttemptEnd; delayMs: number },
): Promise<'scheduled' | 'stale'> {
  let run: RunRecord | undefined = args.run;
  for (let i = 0; i < 8; i++) {
    if (i > 0) run = await getRun(engine.db, args.payload.runId);
    if (!isCurrentStep(run, args.payload)) {
      await finishAttempt(engine.db, args.attemptId, { ...args.end, outcome: 'superseded' });
      return 'stale';
    }
    const current = run;
    const instance = current.activeSteps[args.payload.state]!;
    const attempt = instance.attempt + 1;
    const update = {
      state: current.state,
      stateValue: current.stateValue,
      status: current.status,
      snapshot: current.snapshot,
      activeSteps: { ...current.activeSteps, [args.payload.state]: { ...instance, attempt } },
      attemptCounters: { ...current.attemptCounters, [args.payload.state]: attempt },
      error: current.error,
      failedState: current.failedState,
      finishedAt: current.finishedAt,
    };
    const version = await commitRunChange(engine, {
      run: current,
      update,
      attempt: { id: args.attemptId, ...args.end },
      enqueue: [args.payload.state],
      runAt: new Date(Date.now() + args.delayMs),
    });
    if (version !== undefined) {
      engine.logger.info(
        { runId: current.id, state: args.payload.state, nextAttempt: attempt, delayMs: args.delayMs },
        'step retry scheduled',
      );
      return 'scheduled';
    }
  }
  throw new Error(`run ${args.payload.runId}: gave up scheduling a retry after repeated concurrent changes`);
}
