import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

/** Creates the patients a run's loadable records name and Signalbox does not know yet. */
export async function upsertPatientsFromStaging(db: Executor, runId: string): Promise<void> {
  await db.execute(sql`
    insert into patients (id, first_run_id)
    select distinct r.patient_id, ${runId}::uuid
    from ingest_records r
    where r.run_id = ${runId} and r.status = 'valid' and r.patient_id is not null
      and r.disposition in ('new', 'loaded')
    on conflict (id) do nothing`);
}
