import type { RunRecord } from '../../db/queries/run-record';
import type { HandedAttemptClaim, RunWritten } from '../../db/queries/write-run-change';
import type { StepHandOff } from './hand-off';
import type { ChangeRecord } from './transition/commit-run-change';
import type { RunChange } from './transition/run-change';
import { idempotencyKeyOf } from './transition/step-instance';

/**
 * What a step's change commits for its worker's chain (`core/runs/step-chain.ts`), and what the
 * worker learns once it did: the job handed to it, with the attempt the change opened for it. The
 * next attempt's key is reserved before the commit (the worker's heartbeat lists it from then on)
 * and given back when nothing was opened.
 */
export function planHandOff(
  handOff: StepHandOff | undefined,
  run: RunRecord,
  change: RunChange,
): { record: ChangeRecord['handOff']; settle(written: RunWritten | undefined): void } {
  if (!handOff) return { record: undefined, settle: () => {} };
  const [next] = change.enqueue;
  const instance = next === undefined ? undefined : change.update.activeSteps[next];
  let claim: HandedAttemptClaim | undefined;
  if (handOff.handNext && next !== undefined && instance && change.runAt === undefined) {
    const idempotencyKey = idempotencyKeyOf(run.id, next, instance.attempt);
    claim = {
      ...handOff.reserve(idempotencyKey),
      idempotencyKey,
      state: next,
      step: instance.step,
      attempt: instance.attempt,
    };
  }
  return {
    record: {
      lockedBy: handOff.lockedBy,
      completesJobId: handOff.completesJobId,
      completesOwnJob: handOff.completesOwnJob,
      handNext: handOff.handNext,
      claim,
    },
    settle(written) {
      if (claim && written?.handedAttemptId === undefined) handOff.unreserve(claim.idempotencyKey);
      if (!written) return;
      handOff.committed(
        written.handedJobId === undefined || next === undefined || !instance
          ? undefined
          : {
              jobId: written.handedJobId,
              lockedBy: handOff.lockedBy,
              payload: { runId: run.id, state: next, since: instance.since, attempt: instance.attempt },
              preclaimed:
                written.handedAttemptId === undefined
                  ? undefined
                  : {
                      attemptId: written.handedAttemptId,
                      run: {
                        ...run,
                        ...change.update,
                        version: written.version,
                        updatedAt: written.updatedAt,
                      },
                    },
            },
      );
    },
  };
}
