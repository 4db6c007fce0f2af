import type { JobSpec } from '../../db/queries/add-step-jobs';
import type { AttemptEnd } from '../../db/queries/finish-attempt';
import type { NewAuditEvent } from '../../db/queries/insert-audit-event';
import type { RunRecord, RunUpdate } from '../../db/queries/run-record';
import { writeRunChange } from '../../db/queries/write-run-change';
import { type Engine, JOB_MAX_ATTEMPTS, STEP_TASK, type StepJobPayload } from '../engine';
import { notifyObserver } from '../engine-observer';

export interface RunChange {
  run: RunRecord;
  update: RunUpdate;
  /** The history row; omitted for changes that are not transitions (a scheduled retry). */
  transition?: { fromState: string | null; event: string; toState: string; actor: string };
  /** The step attempt this change closes; the change only happens while it is still running. */
  attempt?: { id: number } & AttemptEnd;
  /** An accepted operator action, recorded in the same statement. */
  audit?: Omit<NewAuditEvent, 'runId' | 'outcome'>;
  /** Step states to enqueue (their instances are in `update.activeSteps`). */
  enqueue: readonly string[];
  /** When the enqueued steps may start (retries with backoff). */
  runAt?: Date;
}

/** Step jobs for the given states, as `graphile_worker.add_jobs` specs. */
export function stepJobs(
  runId: string,
  update: Pick<RunUpdate, 'activeSteps'>,
  states: readonly string[],
  runAt?: Date,
): JobSpec[] {
  return states.map((state) => {
    const instance = update.activeSteps[state]!;
    const payload: StepJobPayload = { runId, state, since: instance.since, attempt: instance.attempt };
    return { task: STEP_TASK, payload: { ...payload }, runAt, maxAttempts: JOB_MAX_ATTEMPTS };
  });
}

/**
 * Commits one change of a run — compare-and-set of the snapshot on `version`, the transition row,
 * the attempt's end, the audit row, the next step jobs and the NOTIFY — all or nothing, in one
 * round trip. Returns the new version, or undefined when the compare-and-set was lost (or the
 * attempt had been closed by a duplicate job): then nothing was written.
 */
export async function commitRunChange(engine: Engine, change: RunChange): Promise<number | undefined> {
  const { run, update, transition } = change;
  const version = await writeRunChange(engine.db, {
    runId: run.id,
    expectedVersion: run.version,
    update,
    attempt: change.attempt,
    audit: change.audit,
    transition: transition && {
      ...transition,
      durationMs: transition.fromState === null ? null : Math.max(0, Date.now() - run.updatedAt.getTime()),
    },
    jobs: stepJobs(run.id, update, change.enqueue, change.runAt),
    notice: {
      runId: run.id,
      pipelineId: run.pipelineId,
      state: update.state,
      status: update.status,
      version: run.version + 1,
    },
  });
  if (version !== undefined) observeRunChange(engine, change);
  return version;
}

function observeRunChange(engine: Engine, { run, update, transition, audit, enqueue }: RunChange): void {
  notifyObserver(engine, (observer) => {
    observer.runChanged?.({
      pipelineId: run.pipelineId,
      runId: run.id,
      from: { state: run.state, status: run.status },
      to: { state: update.state, status: update.status },
      event: transition?.event,
      retriedSteps: transition ? [] : enqueue.map((state) => update.activeSteps[state]!.step),
    });
    if (audit) observer.operatorAction?.({ action: audit.action, outcome: 'accepted' });
  });
}
