import type {
  ActiveStep,
  ActiveTimer,
  RunError,
  RunStatus,
  StoredSnapshot,
  StoredStateValue,
} from '../schema';

/** A run in one of these statuses is over: it holds no slot and runs no step. */
export const isTerminal = (status: RunStatus): boolean =>
  status === 'succeeded' || status === 'failed' || status === 'cancelled';

/** A run as the engine reads and writes it. */
export interface RunRecord {
  id: string;
  pipelineId: string;
  pipelineVersion: number;
  state: string;
  stateValue: StoredStateValue;
  status: RunStatus;
  snapshot: StoredSnapshot;
  input: unknown;
  idempotencyKey: string | null;
  activeSteps: Record<string, ActiveStep>;
  attemptCounters: Record<string, number>;
  error: RunError | null;
  failedState: string | null;
  /** The state value a retry resumes from; null when the run cannot be retried. */
  retryFrom: StoredStateValue | null;
  /** Pending delayed transitions by xstate event type. */
  timers: Record<string, ActiveTimer>;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
  /** Read by `getRun` (other reads leave it out): the concurrency key, when the pipeline has a limit. */
  concurrencyKey?: string | null;
  /** Read by `getRun`: set while the run waits for a concurrency slot. */
  slotSeq?: number | null;
}

/** The columns a change writes; `version` is bumped by the query itself. */
export type RunUpdate = Pick<
  RunRecord,
  | 'state'
  | 'stateValue'
  | 'status'
  | 'snapshot'
  | 'activeSteps'
  | 'attemptCounters'
  | 'error'
  | 'failedState'
  | 'retryFrom'
  | 'timers'
  | 'finishedAt'
>;

/** Where a forked run started: the run, the transition (version) and the state it was forked at. */
export interface RunOrigin {
  runId: string;
  version: number;
  state: string;
}

/** What a new run is inserted with, besides the columns of its first update. */
export type NewRunIdentity = Pick<
  RunRecord,
  'id' | 'pipelineId' | 'pipelineVersion' | 'input' | 'idempotencyKey'
> & {
  origin?: RunOrigin;
  /** The run's concurrency key, when its pipeline declares a limit (see `runs.concurrency_key`). */
  concurrencyKey?: string | null;
};
