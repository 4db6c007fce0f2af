import type { Executor } from '../../../db/client';
import { fillConcurrencySlots, selectWaitingSlotKeys } from '../../../db/queries/fill-concurrency-slots';
import type { RunStatus } from '../../../db/schema';
import type { PipelineConcurrency } from '../../definition/define-pipeline';
import type { PipelineRegistry } from '../../definition/pipeline-registry';
import { JOB_MAX_ATTEMPTS, STEP_TASK, TIMER_TASK } from '../../engine';
import { isTerminal } from './run-status';

/**
 * A pipeline's concurrency limit, when it declares one. Runs are counted against the newest
 * version's declaration: the limit is a policy of the pipeline, not of the version a run started on.
 */
export function concurrencyOf(registry: PipelineRegistry, pipelineId: string): PipelineConcurrency | null {
  return registry.has(pipelineId) ? registry.latest(pipelineId).concurrency : null;
}

/**
 * Whether a change of a run takes or frees a slot: it finishes the run (succeeded, failed,
 * cancelled) or brings a finished run back (a retry). Steps in between keep the slot they hold.
 */
export const changesSlot = (from: RunStatus, to: RunStatus): boolean => isTerminal(from) !== isTerminal(to);

/**
 * Starts the runs of these keys waiting for a slot, up to the limit (see `fillConcurrencySlots`),
 * inside the caller's transaction, which holds the keys' slot locks.
 */
export async function fillSlots(
  tx: Executor,
  pipelineId: string,
  concurrency: Pick<PipelineConcurrency, 'maxConcurrentRuns'>,
  keys: readonly string[],
): Promise<Map<string, RunStatus>> {
  const started = await fillConcurrencySlots(tx, {
    pipelineId,
    keys,
    limit: concurrency.maxConcurrentRuns,
    stepTask: STEP_TASK,
    timerTask: TIMER_TASK,
    maxAttempts: JOB_MAX_ATTEMPTS,
  });
  return new Map(started.map((s) => [s.runId, s.status]));
}

/**
 * Starts every run of the pipeline waiting for a slot, up to the limit of its key: a resume, or a
 * worker starting with a changed limit. Call it under `lockPipelineSlots` in the same transaction.
 */
export async function fillPipelineSlots(
  tx: Executor,
  pipelineId: string,
  concurrency: Pick<PipelineConcurrency, 'maxConcurrentRuns'>,
): Promise<Map<string, RunStatus>> {
  return fillSlots(tx, pipelineId, concurrency, await selectWaitingSlotKeys(tx, pipelineId));
}
