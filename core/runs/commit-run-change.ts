import type { Executor } from '../../db/client';
import { addJobs, type JobSpec } from '../../db/queries/add-step-jobs';
import { insertTransition } from '../../db/queries/insert-transition';
import { notifyRunChanged } from '../../db/queries/notify-run-changed';
import type { RunRecord, RunUpdate } from '../../db/queries/run-record';
import { updateRun } from '../../db/queries/update-run';
import { JOB_MAX_ATTEMPTS, STEP_TASK, type StepJobPayload } from '../engine';

export interface RunChange {
  run: RunRecord;
  update: RunUpdate;
  /** The history row; omitted for changes that are not transitions (a scheduled retry). */
  transition?: { fromState: string | null; event: string; toState: string; actor: string };
  /** Step states to enqueue (their instances are in `update.activeSteps`). */
  enqueue: readonly string[];
  /** When the enqueued steps may start (retries with backoff). */
  runAt?: Date;
}

/** Step jobs for the given states, as `graphile_worker.add_jobs` specs. */
export function stepJobs(
  runId: string,
  update: RunUpdate,
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
 * Writes one change of a run inside the caller's transaction: compare-and-set of the snapshot on
 * `version`, the transition row, the next step jobs and the NOTIFY. Returns the new version, or
 * undefined when the compare-and-set was lost (nothing was written; the caller rolls back or retries).
 */
export async function commitRunChange(tx: Executor, change: RunChange): Promise<number | undefined> {
  const { run, update } = change;
  const version = await updateRun(tx, run.id, run.version, update);
  if (version === undefined) return undefined;
  if (change.transition) {
    await insertTransition(tx, {
      runId: run.id,
      runVersion: version,
      ...change.transition,
      durationMs:
        change.transition.fromState === null ? null : Math.max(0, Date.now() - run.updatedAt.getTime()),
    });
  }
  await addJobs(tx, stepJobs(run.id, update, change.enqueue, change.runAt));
  await notifyRunChanged(tx, {
    runId: run.id,
    pipelineId: run.pipelineId,
    state: update.state,
    status: update.status,
    version,
  });
  return version;
}
