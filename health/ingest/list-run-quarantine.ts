import { z } from 'zod';
import type { Engine } from '../../core/engine';
import { AppError, fieldErrors } from '../../core/errors';
import { loadRun } from '../../core/runs/find-run';
import { countQuarantinedRecords } from '../../db/queries/count-quarantined-records';
import {
  listQuarantinedRecords,
  type QuarantinedRecordView,
} from '../../db/queries/list-quarantined-records';

export const ListQuarantineRequestSchema = z.object({
  runId: z.string(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type ListQuarantineRequest = z.input<typeof ListQuarantineRequestSchema>;

export interface QuarantinePage {
  items: QuarantinedRecordView[];
  page: number;
  pageSize: number;
  /** (record, field) rows in total. */
  total: number;
  /** Distinct quarantined records. */
  records: number;
  pageCount: number;
}

/**
 * One page of a run's quarantined records, in record order: row or entry number, line, field,
 * reason, the stage that quarantined it, and the raw value (payload: render it only on request).
 */
export async function listRunQuarantine(
  engine: Engine,
  request: ListQuarantineRequest,
): Promise<QuarantinePage> {
  const parsed = ListQuarantineRequestSchema.safeParse(request);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', 'invalid quarantine page request', {
      fields: fieldErrors(parsed.error.issues),
    });
  }
  const { page, pageSize } = parsed.data;
  const run = await loadRun(engine, parsed.data.runId);
  const [counts, items] = await Promise.all([
    countQuarantinedRecords(engine.db, run.id),
    listQuarantinedRecords(engine.db, { runId: run.id, limit: pageSize, offset: (page - 1) * pageSize }),
  ]);
  return {
    items,
    page,
    pageSize,
    total: counts.issues,
    records: counts.records,
    pageCount: Math.max(1, Math.ceil(counts.issues / pageSize)),
  };
}
