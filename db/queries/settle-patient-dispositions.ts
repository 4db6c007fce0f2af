import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

/** After loading: a `new` Patient entry becomes `loaded` if this run created the patient, else `duplicate`. */
export async function settlePatientDispositions(db: Executor, runId: string): Promise<void> {
  await db.execute(sql`
    update ingest_records r
    set disposition = case when p.first_run_id = ${runId} then 'loaded' else 'duplicate' end
    from patients p
    where r.run_id = ${runId} and r.status = 'valid' and r.disposition = 'new' and r.kind = 'patient'
      and p.id = r.patient_id`);
}
