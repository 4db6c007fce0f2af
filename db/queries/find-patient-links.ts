import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

export type PatientLink = {
  system: string;
  value: string;
  patientId: string;
};

/** The known links among the given identifiers. */
export async function findPatientLinks(
  db: Executor,
  identifiers: readonly { system: string; value: string }[],
): Promise<PatientLink[]> {
  if (identifiers.length === 0) return [];
  const rows = await db.execute<PatientLink>(sql`
    select l.system, l.value, l.patient_id as "patientId"
    from patient_links l
    join jsonb_to_recordset(${JSON.stringify(identifiers)}::jsonb) as i(system text, value text)
      on l.system = i.system and l.value = i.value`);
  return [...rows];
}
