import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

/** Patient entries: `new` for the first entry of a patient Signalbox does not know yet, else `duplicate`. */
export async function markPatientDispositions(db: Executor, runId: string): Promise<void> {
  await db.execute(sql`
    with candidates as (
      select r.id, r.patient_id,
             row_number() over (partition by r.patient_id order by r.record_number) as rn
      from ingest_records r
      where r.run_id = ${runId} and r.status = 'valid' and r.kind = 'patient'
    )
    update ingest_records t
    set disposition = case when p.id is not null or c.rn > 1 then 'duplicate' else 'new' end
    from candidates c
    left join patients p on p.id = c.patient_id and p.first_run_id is distinct from ${runId}
    where t.id = c.id`);
}
