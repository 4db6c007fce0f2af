import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

export const CONFLICT_REASON = 'conflicts with another result for the same patient, code and time';

/**
 * Moves a run's conflicting measurements to quarantine (status and quarantine row in one
 * statement); the value and unit are kept for operators. Returns how many were moved.
 */
export async function quarantineConflicts(db: Executor, runId: string, stage: string): Promise<number> {
  const rows = await db.execute<{ moved: number }>(sql`
    with conflicted as (
      update ingest_records
      set status = 'quarantined'
      where run_id = ${runId} and status = 'valid' and disposition = 'conflict'
      returning record_number, line, kind, value, unit
    ), recorded as (
      insert into quarantined_records (run_id, record_number, line, field, reason, raw_value, stage)
      select ${runId}::uuid, record_number, line,
             case when kind = 'row' then 'value' else 'Observation.valueQuantity.value' end,
             ${CONFLICT_REASON}, value::text || ' ' || coalesce(unit, ''), ${stage}
      from conflicted
      on conflict (run_id, record_number, field) do nothing
    )
    select count(*)::int as moved from conflicted`);
  return rows[0]?.moved ?? 0;
}
