import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

/** Links every identifier of a run's valid Patient entries to its patient; known links are kept. */
export async function upsertPatientLinksFromStaging(db: Executor, runId: string): Promise<void> {
  await db.execute(sql`
    insert into patient_links (system, value, patient_id, run_id)
    select distinct on (i ->> 'system', i ->> 'value') i ->> 'system', i ->> 'value', r.patient_id, ${runId}::uuid
    from ingest_records r
    cross join lateral jsonb_array_elements(r.identifiers) as i
    where r.run_id = ${runId} and r.kind = 'patient' and r.status = 'valid' and r.patient_id is not null
    order by i ->> 'system', i ->> 'value', r.record_number
    on conflict (system, value) do nothing`);
}
