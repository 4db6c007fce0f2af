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

/** NOTIFY inside the transaction: PostgreSQL delivers it on commit, and never if it rolls back. */
export async function notifyRunChanged(db: Executor, notice: RunChangedNotice): Promise<void> {
  await db.execute(sql`select pg_notify(${RUN_CHANGES_CHANNEL}, ${JSON.stringify(notice)})`);
}
