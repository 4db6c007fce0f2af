import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

/** Which finished runs a prune removes. */
export interface PruneFilter {
  /** Runs that finished before this time. */
  finishedBefore: Date;
  /** Only these pipelines (any version). */
  pipelineIds?: readonly string[];
  /** Not these pipelines (they have a retention of their own). */
  exceptPipelineIds?: readonly string[];
}

/** Position in (created_at, id) order: the next batch starts after it. */
export interface PruneKey {
  createdAt: string;
  id: string;
}

export interface PrunedBatch {
  runs: number;
  transitions: number;
  attempts: number;
  ingestRecords: number;
  quarantinedRecords: number;
  /** The last run of the batch, or null when nothing was left. */
  last: PruneKey | null;
}

const conditions = (filter: PruneFilter, after: PruneKey | null) => {
  const before = filter.finishedBefore.toISOString();
  return sql`
  status in ('succeeded', 'failed', 'cancelled')
  -- created_at bounds the scan to runs_created_idx's old end: a run finishes after it was created.
  and created_at < ${before}::timestamptz
  and finished_at < ${before}::timestamptz
  ${filter.pipelineIds?.length ? sql`and pipeline_id = any(${sql.param([...filter.pipelineIds])}::text[])` : sql``}
  ${filter.exceptPipelineIds?.length ? sql`and pipeline_id <> all(${sql.param([...filter.exceptPipelineIds])}::text[])` : sql``}
  ${after ? sql`and (created_at, id) > (${after.createdAt}::timestamptz, ${after.id}::uuid)` : sql``}`;
};

/**
 * Deletes one batch of finished runs (oldest first, after `after`) with their transitions, step
 * attempts and ingestion records, in one short statement. Runs locked by someone else (a retry
 * being written) are skipped, not waited for. Audit rows stay: they are not tied to the run.
 */
export async function deleteFinishedRuns(
  db: Executor,
  filter: PruneFilter,
  after: PruneKey | null,
  batchSize: number,
): Promise<PrunedBatch> {
  const [row] = await db.execute<{
    runs: number;
    transitions: number;
    attempts: number;
    ingest_records: number;
    quarantined_records: number;
    last_created_at: string | null;
    last_id: string | null;
  }>(sql`
    with batch as (
      select id, created_at from runs
      where ${conditions(filter, after)}
      order by created_at, id
      limit ${batchSize}
      for update skip locked
    ), transitions_gone as (
      delete from transitions where run_id in (select id from batch) returning 1
    ), attempts_gone as (
      delete from step_attempts where run_id in (select id from batch) returning 1
    ), records_gone as (
      delete from ingest_records where run_id in (select id from batch) returning 1
    ), quarantine_gone as (
      delete from quarantined_records where run_id in (select id from batch) returning 1
    ), runs_gone as (
      delete from runs where id in (select id from batch) returning 1
    ), last as (
      select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created_at, id
      from batch order by created_at desc, id desc limit 1
    )
    select
      (select count(*)::int from runs_gone) as runs,
      (select count(*)::int from transitions_gone) as transitions,
      (select count(*)::int from attempts_gone) as attempts,
      (select count(*)::int from records_gone) as ingest_records,
      (select count(*)::int from quarantine_gone) as quarantined_records,
      (select created_at from last) as last_created_at,
      (select id from last) as last_id`);
  return {
    runs: row!.runs,
    transitions: row!.transitions,
    attempts: row!.attempts,
    ingestRecords: row!.ingest_records,
    quarantinedRecords: row!.quarantined_records,
    last: row!.last_created_at && row!.last_id ? { createdAt: row!.last_created_at, id: row!.last_id } : null,
  };
}

/** How many runs a prune with this filter would delete, per pipeline (a dry run). */
export async function countPrunableRuns(
  db: Executor,
  filter: PruneFilter,
): Promise<{ pipelineId: string; runs: number }[]> {
  const rows = await db.execute<{ pipeline_id: string; runs: number }>(sql`
    select pipeline_id, count(*)::int as runs from runs
    where ${conditions(filter, null)}
    group by pipeline_id order by pipeline_id`);
  return rows.map((row) => ({ pipelineId: row.pipeline_id, runs: row.runs }));
}
