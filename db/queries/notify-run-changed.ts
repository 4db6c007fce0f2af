import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import type { RunRecord } from './run-record';

export const RUN_CHANGES_CHANNEL = 'signalbox_runs';

export interface RunChangedNotice {
  runId: string;
  pipelineId: string;
  state: string;
  status: string;
  version: number;
}

/**
 * Workers hear on this channel of a new run's first step job, sent to the idle workers directly (no
 * queue wake-up was sent for it). Given to one of them by the start (`assignedTo`): that worker runs
 * it. Otherwise offered: an idle worker locks the job and claims the attempt in one statement.
 */
export const STEP_OFFERS_CHANNEL = 'signalbox_step_offers';

export interface StepOffer {
  jobId: string;
  runId: string;
  state: string;
  since: number;
  attempt: number;
  /** The worker the start gave the step to (see `idle_workers`): the job is locked by its pool. */
  assignedTo?: string;
  /** With `assignedTo`: that worker's pool, the job's `locked_by`. */
  lockedBy?: string;
  /** With `assignedTo`: the attempt the start opened in that worker's name. */
  attemptId?: number;
  /** With `assignedTo`: the run as the start wrote it (timestamps as text), unless it was too large. */
  run?: Omit<RunRecord, 'createdAt' | 'updatedAt' | 'finishedAt'> & {
    createdAt: string;
    updatedAt: string;
    finishedAt: string | null;
  };
}

/** NOTIFY inside the transaction: PostgreSQL delivers it on commit, and never if it rolls back. */
export async function notifyRunChanged(db: Executor, notice: RunChangedNotice): Promise<void> {
  await db.execute(sql`select pg_notify(${RUN_CHANGES_CHANNEL}, ${JSON.stringify(notice)})`);
}

/**
 * Several notices in one statement, each its own NOTIFY (one trip to the NOTIFY queue lock for all).
 * It writes nothing, so its commit waits for no WAL flush.
 */
export async function notifyRunsChanged(db: Executor, notices: readonly RunChangedNotice[]): Promise<void> {
  if (notices.length === 0) return;
  const payloads = JSON.stringify(notices.map((notice) => JSON.stringify(notice)));
  await db.execute(sql`
    select count(pg_notify(${RUN_CHANGES_CHANNEL}, n)) from json_array_elements_text(${payloads}::json) n`);
}
