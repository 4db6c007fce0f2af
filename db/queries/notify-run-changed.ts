import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

export const RUN_CHANGES_CHANNEL = 'signalbox_runs';

export interface RunChangedNotice {
  runId: string;
  pipelineId: string;
  state: string;
  status: string;
  version: number;
}

/**
 * Workers hear on this channel of a new run's first step job, offered to an idle worker directly
 * (no queue wake-up was sent for it): the worker locks the job and claims the attempt in one statement.
 */
export const STEP_OFFERS_CHANNEL = 'signalbox_step_offers';

export interface StepOffer {
  jobId: string;
  runId: string;
  state: string;
  since: number;
  attempt: number;
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
