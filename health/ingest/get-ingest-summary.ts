import { type Actor, authorize } from '../../core/auth/actor';
import type { Engine } from '../../core/engine';
import { loadRun } from '../../core/runs/find-run';
import { countQuarantinedRecords } from '../../db/queries/count-quarantined-records';
import { countIngest, type IngestCounts, quarantinedShare } from './ingest-counts';
import type { IngestContext, IngestFileRef } from './ingest-machine';

export interface IngestSummary {
  runId: string;
  /** null for runs that are not ingestion runs (no file in their input). */
  file: IngestFileRef | null;
  /** Counted from the tables now: live while a step is running. */
  counts: IngestCounts;
  /** (record, field) rows in quarantine: a record with two bad fields has two. */
  quarantineIssues: number;
  quarantinedShare: number;
  reviewThreshold: number | null;
  /** Values converted to their canonical unit (known once normalizing is done). */
  converted: number | null;
  review: IngestContext['review'];
}

/**
 * The numbers the run page shows for an ingestion run: received, valid, quarantined, loaded,
 * duplicates, the quarantined share against the review threshold, and the operator's decision.
 */
export async function getIngestSummary(engine: Engine, runId: string, reader: Actor): Promise<IngestSummary> {
  authorize(reader, 'runs:read');
  const run = await loadRun(engine, runId);
  const context = (run.snapshot.context ?? {}) as Partial<IngestContext>;
  const [counts, quarantine] = await Promise.all([
    countIngest(engine.db, run.id),
    countQuarantinedRecords(engine.db, run.id),
  ]);
  return {
    runId: run.id,
    file: context.file ?? null,
    counts,
    quarantineIssues: quarantine.issues,
    quarantinedShare: quarantinedShare(counts),
    reviewThreshold: context.reviewThreshold ?? null,
    converted: context.converted ?? null,
    review: context.review ?? null,
  };
}
