import { and, asc, eq, gt, or, type SQL } from 'drizzle-orm';
import type { Executor } from '../client';
import { quarantinedRecords } from '../schema';

export interface QuarantinedRecordView {
  recordNumber: number;
  line: number | null;
  field: string;
  reason: string;
  /** Payload: show it to operators who ask for it; never log it. */
  rawValue: string | null;
  stage: string;
}

/**
 * A run's quarantined records in (record, field) order: a page by `offset`, or the records after a
 * keyset position (`after`), which stays fast however deep an export goes.
 */
export async function listQuarantinedRecords(
  db: Executor,
  query: { runId: string; limit: number; offset?: number; after?: { recordNumber: number; field: string } },
): Promise<QuarantinedRecordView[]> {
  const conditions: SQL[] = [eq(quarantinedRecords.runId, query.runId)];
  if (query.after) {
    conditions.push(
      or(
        gt(quarantinedRecords.recordNumber, query.after.recordNumber),
        and(
          eq(quarantinedRecords.recordNumber, query.after.recordNumber),
          gt(quarantinedRecords.field, query.after.field),
        ),
      )!,
    );
  }
  return db
    .select({
      recordNumber: quarantinedRecords.recordNumber,
      line: quarantinedRecords.line,
      field: quarantinedRecords.field,
      reason: quarantinedRecords.reason,
      rawValue: quarantinedRecords.rawValue,
      stage: quarantinedRecords.stage,
    })
    .from(quarantinedRecords)
    .where(and(...conditions))
    .orderBy(asc(quarantinedRecords.recordNumber), asc(quarantinedRecords.field))
    .limit(query.limit)
    .offset(query.offset ?? 0);
}
