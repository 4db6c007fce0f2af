import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

/**
 * The slots of a (pipeline, concurrency key) are counted under one transaction-scoped advisory lock.
 * Every change that takes or frees a slot (a start, a run that finishes or is retried) takes it
 * first, in its own statement: under READ COMMITTED the next statement's snapshot then sees every
 * slot change committed before the lock was granted. Before the key locks, each takes its pipeline's
 * slot lock shared; a resume takes that one exclusively (see `lockPipelineSlots`).
 */
const keyLock = (pipelineId: string, key: string) =>
  sql`pg_advisory_xact_lock(hashtextextended(${`signalbox.slot:${pipelineId}:${key}`}, 0))`;
const pipelineLockId = (pipelineId: string) => sql`hashtextextended(${`signalbox.slots:${pipelineId}`}, 0)`;

/** Locks the slots of these keys of one pipeline, in a fixed order (no deadlock between two bulk starts). */
export async function lockSlotKeys(db: Executor, pipelineId: string, keys: readonly string[]): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock_shared(${pipelineLockId(pipelineId)})`);
  const sorted = [...new Set(keys)].sort();
  for (const key of sorted) await db.execute(sql`select ${keyLock(pipelineId, key)}`);
}

/**
 * Locks the slots of the key a run was started under and returns that key; undefined when the run
 * has none (its pipeline declared no limit when it started) or does not exist.
 */
export async function lockRunSlot(db: Executor, runId: string): Promise<string | undefined> {
  const [run] = await db.execute<{ pipelineId: string; key: string | null }>(sql`
    select pipeline_id as "pipelineId", concurrency_key as key from runs where id = ${runId}::uuid`);
  if (!run || run.key === null) return undefined;
  await lockSlotKeys(db, run.pipelineId, [run.key]);
  return run.key;
}

/**
 * Locks every slot of a pipeline at once (a resume): waits for the slot changes under way and holds
 * off new ones until the transaction ends, so it sees every run queued so far, and a run queued
 * after it sees the pipeline resumed.
 */
export async function lockPipelineSlots(db: Executor, pipelineId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(${pipelineLockId(pipelineId)})`);
}
