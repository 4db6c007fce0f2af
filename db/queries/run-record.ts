import type { ActiveStep, RunStatus } from '../schema';

/** A run as the engine reads and writes it. */
export interface RunRecord {
  id: string;
  pipelineId: string;
  pipelineVersion: number;
  state: string;
  stateValue: unknown;
  status: RunStatus;
  snapshot: unknown;
  input: unknown;
  idempotencyKey: string | null;
  activeSteps: Record<string, ActiveStep>;
  attemptCounters: Record<string, number>;
  error: unknown;
  failedState: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
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
  | 'finishedAt'
>;

/** A run as inserted by `startRun`. */
export type NewRun = Omit<RunRecord, 'version' | 'createdAt' | 'updatedAt'>;
