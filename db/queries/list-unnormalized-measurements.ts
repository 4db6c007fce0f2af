import { and, asc, eq, gt, inArray, isNull, lte } from 'drizzle-orm';
import type { Executor } from '../client';
import { ingestRecords } from '../schema';

export interface UnnormalizedMeasurement {
  id: number;
  recordNumber: number;
  loincCode: string | null;
  value: number | null;
  unit: string | null;
}

/** Valid measurements of a run in a record number range (see `listStagedRecords`) not yet converted. */
export async function listUnnormalizedMeasurements(
  db: Executor,
  query: { runId: string; afterRecord: number; throughRecord: number },
): Promise<UnnormalizedMeasurement[]> {
  return db
    .select({
      id: ingestRecords.id,
      recordNumber: ingestRecords.recordNumber,
      loincCode: ingestRecords.loincCode,
      value: ingestRecords.value,
      unit: ingestRecords.unit,
    })
    .from(ingestRecords)
    .where(
      and(
        eq(ingestRecords.runId, query.runId),
        eq(ingestRecords.status, 'valid'),
        inArray(ingestRecords.kind, ['row', 'observation']),
        isNull(ingestRecords.canonicalValue),
        gt(ingestRecords.recordNumber, query.afterRecord),
        lte(ingestRecords.recordNumber, query.throughRecord),
      ),
    )
    .orderBy(asc(ingestRecords.recordNumber));
}
