import { and, asc, eq, gt, inArray, lte } from 'drizzle-orm';
import type { Executor } from '../client';
import { ingestRecords, type StagedKind, type StagedStatus } from '../schema';

export interface StagedRecordView {
  id: number;
  recordNumber: number;
  line: number | null;
  kind: StagedKind;
  raw: unknown;
  status: StagedStatus;
  patientId: string | null;
}

/**
 * A run's staged records with record numbers in (`afterRecord`, `throughRecord`], in record order.
 * A range rather than a LIMIT: with most of a big run already processed, `> n ORDER BY ... LIMIT`
 * makes PostgreSQL visit every later row on each page (quadratic over the file); a range does not.
 */
export async function listStagedRecords(
  db: Executor,
  query: {
    runId: string;
    kinds: readonly StagedKind[];
    statuses: readonly StagedStatus[];
    afterRecord: number;
    throughRecord: number;
  },
): Promise<StagedRecordView[]> {
  return db
    .select({
      id: ingestRecords.id,
      recordNumber: ingestRecords.recordNumber,
      line: ingestRecords.line,
      kind: ingestRecords.kind,
      raw: ingestRecords.raw,
      status: ingestRecords.status,
      patientId: ingestRecords.patientId,
    })
    .from(ingestRecords)
    .where(
      and(
        eq(ingestRecords.runId, query.runId),
        inArray(ingestRecords.kind, [...query.kinds]),
        inArray(ingestRecords.status, [...query.statuses]),
        gt(ingestRecords.recordNumber, query.afterRecord),
        lte(ingestRecords.recordNumber, query.throughRecord),
      ),
    )
    .orderBy(asc(ingestRecords.recordNumber));
}
