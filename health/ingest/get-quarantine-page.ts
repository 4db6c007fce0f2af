import { type QuarantineQuery, QuarantineQuerySchema } from '../../contracts/ingest';
import type { Actor } from '../../core/auth/actor';
import { authorize } from '../../core/auth/actor';
import type { Engine } from '../../core/engine';
import { parseInput } from '../../core/parse-input';
import { flattenParams, type QueryInput } from '../../core/runs/run-filter';
import type { QuarantinedRecordView } from '../../db/queries/list-quarantined-records';
import { listRunQuarantine, type QuarantinePage } from './list-run-quarantine';

/** Parses URL query parameters, or throws `VALIDATION_FAILED` (400) with the field errors. */
export function parseQuarantineQuery(input: QueryInput): QuarantineQuery {
  return parseInput(QuarantineQuerySchema, flattenParams(input), 'quarantine query');
}

/** A quarantined record; `rawValue` is there only when the values were asked for. */
export type QuarantineItem = Omit<QuarantinedRecordView, 'rawValue'> & { rawValue?: string | null };

export interface QuarantineView extends Omit<QuarantinePage, 'items'> {
  items: QuarantineItem[];
  /** Whether `items` carry their raw values. */
  values: boolean;
}

/**
 * One page of a run's quarantine for the console. Raw values are payload (health data): they leave
 * the server only when asked for (`values`), so a page that shows no values never receives them.
 * A run that is not an ingestion run has an empty quarantine. Asking for values without
 * `payload:read` is refused (`FORBIDDEN`, 403).
 */
export async function getQuarantinePage(
  engine: Engine,
  runId: string,
  query: QuarantineQuery,
  reader: Actor,
): Promise<QuarantineView> {
  if (query.values) authorize(reader, 'payload:read');
  const page = await listRunQuarantine(engine, { runId, page: query.page, pageSize: query.pageSize });
  const items = query.values ? page.items : page.items.map(({ rawValue: _omitted, ...item }) => item);
  return { ...page, items, values: query.values };
}
