import type { RunRecord } from '../../db/queries/run-record';
import type { RunListRow } from '../../db/queries/select-run-page';
import { RUN_STATUSES, type RunStatus } from '../../db/schema';

/** A run as lists show it; plain JSON (ISO times), the same from the API and from server rendering. */
export interface RunSummary {
  id: string;
  pipelineId: string;
  pipelineVersion: number;
  state: string;
  status: RunStatus;
  version: number;
  idempotencyKey: string | null;
  failedState: string | null;
  /** The message of the run's error, when it has one. */
  errorMessage: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
  /** Queued runs in lists: where the run stands in its pipeline's queue and why it waits. */
  queue?: { position: number; of: number; reason: string } | null;
}

export type RunStatusCounts = Record<RunStatus, number>;

/** `showPayload` false drops the error message (it may quote payload data): see `maySeePayload`. */
export function toRunSummary(row: RunListRow, showPayload: boolean): RunSummary {
  return {
    id: row.id,
    pipelineId: row.pipelineId,
    pipelineVersion: row.pipelineVersion,
    state: row.state,
    status: row.status,
    version: row.version,
    idempotencyKey: row.idempotencyKey,
    failedState: row.failedState,
    errorMessage: showPayload ? row.errorMessage : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/** Every status with its count (zero when absent from the GROUP BY). */
export function statusCounts(rows: readonly { status: RunStatus; count: number }[]): RunStatusCounts {
  const counts = Object.fromEntries(RUN_STATUSES.map((status) => [status, 0])) as RunStatusCounts;
  for (const row of rows) counts[row.status] += row.count;
  return counts;
}

/**
 * Counts made with a cap (`cap + 1` rows means more than `cap`): each count at most `cap`, and the
 * statuses whose count stopped there.
 */
export function cappedStatusCounts(
  rows: readonly { status: RunStatus; count: number }[],
  cap: number,
): { counts: RunStatusCounts; capped: RunStatus[] } {
  const counts = statusCounts(rows);
  const capped = RUN_STATUSES.filter((status) => counts[status] > cap);
  for (const status of capped) counts[status] = cap;
  return { counts, capped };
}

/** The summary of a run the engine just wrote (what action endpoints answer with). */
export function summarizeRun(run: RunRecord): RunSummary {
  const message = (run.error as { message?: unknown } | null)?.message;
  return {
    id: run.id,
    pipelineId: run.pipelineId,
    pipelineVersion: run.pipelineVersion,
    state: run.state,
    status: run.status,
    version: run.version,
    idempotencyKey: run.idempotencyKey,
    failedState: run.failedState,
    errorMessage: typeof message === 'string' ? message : null,
    createdAt: run.createdAt.toISOString(),
    updatedAt: run.updatedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}
