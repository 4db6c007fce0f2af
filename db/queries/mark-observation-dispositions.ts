import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

/**
 * Classifies a run's valid measurements against `observations` and each other, on the natural key
 * (patient, LOINC code, effective time): `new`; `duplicate` when the same canonical value and unit is
 * already there (loaded by another run, or earlier in this file); `conflict` when a different value
 * is. Observations this run loaded itself do not count, so running it again changes nothing.
 */
export async function markObservationDispositions(db: Executor, runId: string): Promise<void> {
  await db.execute(sql`
    with candidates as (
      select r.id, r.patient_id, r.loinc_code, r.effective_at, r.canonical_value, r.canonical_unit,
             row_number() over w as rn,
             first_value(r.canonical_value) over w as first_value,
             first_value(r.canonical_unit) over w as first_unit
      from ingest_records r
      where r.run_id = ${runId} and r.status = 'valid' and r.kind in ('row', 'observation')
      window w as (partition by r.patient_id, r.loinc_code, r.effective_at order by r.record_number)
    )
    update ingest_records t
    set disposition = case
      when o.id is not null and o.value = c.canonical_value and o.unit = c.canonical_unit then 'duplicate'
      when o.id is not null then 'conflict'
      when c.rn > 1 and c.first_value = c.canonical_value and c.first_unit = c.canonical_unit then 'duplicate'
      when c.rn > 1 then 'conflict'
      else 'new'
    end
    from candidates c
    left join observations o
      on o.patient_id = c.patient_id and o.loinc_code = c.loinc_code and o.effective_at = c.effective_at
     and o.source_run_id <> ${runId}
    where t.id = c.id`);
}
