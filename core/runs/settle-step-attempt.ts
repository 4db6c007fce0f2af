import { attemptHeldBy } from '../../db/queries/attempt-held-by';
import { finishAttempt } from '../../db/queries/finish-attempt';
import { getRun } from '../../db/queries/get-run';
import type { RunRecord } from '../../db/queries/run-record';
import type { AttemptEnd, RunWritten } from '../../db/queries/write-run-change';
import type { Actor } from '../auth/actor';
import type { Engine, StepJobPayload } from '../engine';
import type { StepHandOff } from './hand-off';
import { planHandOff } from './plan-hand-off';
import { type ChangeRecord, commitRunChange } from './transition/commit-run-change';
import { decideStepOutcome, type StepOutcome } from './transition/decide-step-outcome';
import { decideStepRetry } from './transition/decide-step-retry';
import { createKeyedQueue } from './transition/keyed-queue';
import { CONFLICT, retryOnConflict } from './transition/retry-on-conflict';

/**
 * The attempt's row is gone: its start (committed asynchronously) was lost in a PostgreSQL crash.
 * Nothing is committed for it; the job fails and graphile-worker runs the step again.
 */
export class AttemptStartLost extends Error {
  override readonly name = 'AttemptStartLost';
  constructor(runId: string, state: string) {
    super(`run ${runId}: the attempt of '${state}' was lost with its start; the step runs again`);
  }
}

/** How an attempt settles: its step's final outcome goes to the machine, or the step runs again later. */
export type Settlement = { kind: 'outcome'; outcome: StepOutcome } | { kind: 'retry'; delayMs: number };

/**
 * Closes a step attempt and commits what follows from it — the machine's transition (attempt row,
 * snapshot compare-and-set, history row, next jobs, NOTIFY) or the next attempt after its backoff —
 * atomically. A lost compare-and-set is decided again on the fresh run while the step is still
 * current; a duplicate delivery finds it no longer current (or its attempt closed or taken over by
 * a peer), marks its attempt superseded and stops.
 */
export async function settleStepAttempt(
  engine: Engine,
  args: {
    run: RunRecord;
    payload: StepJobPayload;
    attemptId: number;
    end: AttemptEnd;
    by: Actor;
    /** The worker that ran the attempt: it settles it only while it still owns it. */
    workerId?: string;
    /** The worker continues the run itself (the next job is handed to it). */
    handOff?: StepHandOff;
    /** Sends the change's notice after the commit (the worker's batch) instead of inside it. */
    announce?: ChangeRecord['announce'];
    /** The worker's group commit (see `ChangeRecord.groupCommit`). */
    groupCommit?: ChangeRecord['groupCommit'];
  },
  settlement: Settlement,
): Promise<'applied' | 'retry-scheduled' | 'stale'> {
  const { payload } = args;
  // One that waited for another settlement of its run reads the run again: it has changed.
  return oneAtATimePerRun(payload.runId, async (waited) =>
    settle(
      engine,
      waited ? { ...args, run: (await getRun(engine.db, payload.runId)) ?? args.run } : args,
      settlement,
    ),
  );
}

/**
 * The settlements of one run's steps in this process, one after another: the parallel steps of a run
 * (50 branches of a fan-out) would otherwise all race for the run's compare-and-set, and all but one
 * lose each round. Settlements from other processes still meet the compare-and-set.
 */
const oneAtATimePerRun = createKeyedQueue();

async function settle(
  engine: Engine,
  args: Parameters<typeof settleStepAttempt>[1],
  settlement: Settlement,
): Promise<'applied' | 'retry-scheduled' | 'stale'> {
  const { payload } = args;
  return retryOnConflict(
    args.run,
    () => getRun(engine.db, payload.runId),
    async (run) => {
      const decision =
        settlement.kind === 'retry'
          ? decideStepRetry(run, payload, settlement.delayMs)
          : run &&
            decideStepOutcome(
              engine.registry.get(run.pipelineId, run.pipelineVersion),
              run,
              payload,
              settlement.outcome,
            );
      if (!run || !decision || decision.kind !== 'change') {
        await finishAttempt(engine.db, args.attemptId, { ...args.end, outcome: 'superseded' }, args.workerId);
        return 'stale' as const;
      }
      const { change } = decision;
      const handOff = planHandOff(args.handOff, run, change);
      let written: RunWritten | undefined;
      try {
        written = await commitRunChange(engine, { run }, change, {
          by: args.by,
          attempt: { id: args.attemptId, workerId: args.workerId, ...args.end },
          handOff: handOff.record,
          announce: args.announce,
          groupCommit: args.groupCommit,
        });
      } finally {
        handOff.settle(written);
      }
      if (!written) {
        // A duplicate closed the attempt, or a peer took it over (this worker was thought dead): the
        // outcome is theirs to apply. Otherwise the compare-and-set was lost: decide again on the fresh run.
        const held = await attemptHeldBy(engine.db, args.attemptId, args.workerId);
        if (held === 'closed') return 'stale' as const;
        if (held === 'missing') throw new AttemptStartLost(run.id, payload.state);
        return CONFLICT;
      }
      const { state, status } = change.update;
      if (settlement.kind === 'retry') {
        engine.logger.info(
          {
            runId: run.id,
            state: payload.state,
            nextAttempt: change.update.activeSteps[payload.state]?.attempt,
            delayMs: settlement.delayMs,
          },
          'step retry scheduled',
        );
        return 'retry-scheduled' as const;
      }
      engine.logger.info({ runId: run.id, from: run.state, to: state, status }, 'step outcome applied');
      return 'applied' as const;
    },
  );
}
