import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

/** Writes canonical values for a batch of staged measurements, in one statement. */
export async function updateStagedCanonical(
  db: Executor,
  updates: readonly { id: number; canonicalValue: number; canonicalUnit: string }[],
): Promise<void> {
  if (updates.length === 0) return;
  const rows = updates.map((u) => ({
    id: u.id,
    canonical_value: u.canonicalValue,
    canonical_unit: u.canonicalUnit,
  }));
  await db.execute(sql`
    update ingest_records r
    set canonical_value = v.canonical_value, canonical_unit = v.canonical_unit
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id bigint, canonical_value float8, canonical_unit text)
    where r.id = v.id`);
}
