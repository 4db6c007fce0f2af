import type { ProblemSummary } from '../../contracts/problems';
import type { ProblemRow } from '../../db/queries/select-problems';
import type { PipelineRegistry } from '../definition/pipeline-registry';

/**
 * A problem as the inbox shows it. `showPayload` false drops the signature, the sample message and the
 * note: a message may quote payload data even with its values normalized away.
 */
export function toProblemSummary(
  row: ProblemRow,
  registry: PipelineRegistry,
  showPayload: boolean,
): ProblemSummary {
  return {
    id: row.id,
    pipelineId: row.pipelineId,
    pipelineTitle: registry.has(row.pipelineId) ? registry.latest(row.pipelineId).title : row.pipelineId,
    failedState: row.failedState,
    errorName: row.errorName,
    signature: showPayload ? row.signature : null,
    sampleMessage: showPayload ? row.sampleMessage : null,
    status: row.status,
    occurrences: row.occurrences,
    failedRuns: row.failedRuns,
    firstSeenAt: row.firstSeenAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    reopenedAt: row.reopenedAt?.toISOString() ?? null,
    reopenCount: row.reopenCount,
    triagedBy: row.triagedBy,
    triagedAt: row.triagedAt?.toISOString() ?? null,
    triageNote: showPayload ? row.triageNote : null,
    versions: row.versions.map(Number),
    sparkline: row.sparkline.map(Number),
  };
}
