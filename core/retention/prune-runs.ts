import {
  countPrunableRuns,
  deleteFinishedRuns,
  type PruneFilter,
  type PruneKey,
} from '../../db/queries/delete-finished-runs';
import { recordAudit } from '../audit/record-audit';
import { type Actor, authorize } from '../auth/actor';
import type { Engine } from '../engine';
import { AppError } from '../errors';

export interface PruneRunsRequest extends PruneFilter {
  /** Count what would go, delete nothing. */
  dryRun?: boolean;
  /** Runs per batch (one short transaction each); default 500. */
  batchSize?: number;
  /** Pause between batches, leaving the database to the workers; default 0. */
  pauseMs?: number;
  /** Called after every batch with the totals so far. */
  onProgress?: (totals: PruneTotals) => void;
  /** Stops between batches (a worker shutting down); what was deleted stays deleted and audited. */
  signal?: AbortSignal;
}

export interface PruneTotals {
  runs: number;
  transitions: number;
  attempts: number;
  ingestRecords: number;
  quarantinedRecords: number;
  batches: number;
}

export interface PruneRunsResult extends PruneTotals {
  dryRun: boolean;
  finishedBefore: string;
  /** Dry runs: how many runs each pipeline would lose. */
  byPipeline?: { pipelineId: string; runs: number }[];
}

const DEFAULT_BATCH = 500;

/**
 * Deletes finished runs (succeeded, failed, cancelled) that finished before a time, with their
 * transitions, step attempts and ingestion records, oldest first in small batches: each batch is one
 * short statement, so workers keep writing meanwhile, and running or waiting runs are never touched.
 * Audit rows are kept (the audit log shows their target as a pruned run), and the prune itself is
 * audited with its filter and what it deleted, also when it stops half-way. Admins and the
 * installation only (`FORBIDDEN`, 403).
 */
export async function pruneRuns(
  engine: Engine,
  request: PruneRunsRequest,
  by: Actor,
): Promise<PruneRunsResult> {
  authorize(by, 'admin');
  const batchSize = request.batchSize ?? DEFAULT_BATCH;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
    throw new AppError('VALIDATION_FAILED', 'batch size must be between 1 and 10000', {
      fields: [{ path: 'batchSize', message: 'must be between 1 and 10000' }],
    });
  }
  const filter: PruneFilter = {
    finishedBefore: request.finishedBefore,
    pipelineIds: request.pipelineIds,
    exceptPipelineIds: request.exceptPipelineIds,
  };
  const totals: PruneTotals = {
    runs: 0,
    transitions: 0,
    attempts: 0,
    ingestRecords: 0,
    quarantinedRecords: 0,
    batches: 0,
  };
  const base = { dryRun: request.dryRun ?? false, finishedBefore: request.finishedBefore.toISOString() };
  if (request.dryRun) {
    const byPipeline = await countPrunableRuns(engine.db, filter);
    return { ...base, ...totals, runs: byPipeline.reduce((sum, row) => sum + row.runs, 0), byPipeline };
  }

  let failure: unknown;
  try {
    let after: PruneKey | null = null;
    while (!request.signal?.aborted) {
      const batch = await deleteFinishedRuns(engine.db, filter, after, batchSize);
      if (!batch.last) break;
      totals.runs += batch.runs;
      totals.transitions += batch.transitions;
      totals.attempts += batch.attempts;
      totals.ingestRecords += batch.ingestRecords;
      totals.quarantinedRecords += batch.quarantinedRecords;
      totals.batches += 1;
      after = batch.last;
      request.onProgress?.({ ...totals });
      if (request.pauseMs) await new Promise((resolve) => setTimeout(resolve, request.pauseMs));
    }
  } catch (error) {
    failure = error;
  }
  await recordAudit(engine, {
    by,
    action: 'runs.prune',
    target: request.pipelineIds?.length ? `pipelines:${request.pipelineIds.join(',')}` : 'runs',
    outcome: 'accepted',
    details: {
      finishedBefore: base.finishedBefore,
      pipelineIds: request.pipelineIds ?? null,
      exceptPipelineIds: request.exceptPipelineIds ?? null,
      ...totals,
      ...(failure ? { stoppedBy: failure instanceof AppError ? failure.code : 'ERROR' } : {}),
      ...(request.signal?.aborted ? { stoppedBy: 'SHUTDOWN' } : {}),
    },
  });
  engine.logger.info({ ...totals, finishedBefore: base.finishedBefore }, 'pruned finished runs');
  if (failure) throw failure;
  return { ...base, ...totals };
}
