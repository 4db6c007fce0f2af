import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

/**
 * After loading: a `new` measurement whose row in `observations` this run created becomes `loaded`;
 * one another run got in first with (concurrent loads of the same data) becomes `duplicate`, or
 * `conflict` when that run's value differs.
 */
export async function settleObservationDispositions(db: Executor, runId: string): Promise<void> {
  await db.execute(sql`
    update ingest_records r
    set disposition = case
      when o.source_run_id = ${runId} then 'loaded'
      when o.value = r.canonical_value and o.unit = r.canonical_unit then 'duplicate'
      else 'conflict'
    end
    from observations o
    where r.run_id = ${runId} and r.status = 'valid' and r.disposition = 'new' and r.kind in ('row', 'observation')
      and o.patient_id = r.patient_id and o.loinc_code = r.loinc_code and o.effective_at = r.effective_at`);
}
