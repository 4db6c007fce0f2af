import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

/** Every leaf state a run has been in, from its transitions (parallel labels split on ','). */
export async function listVisitedStates(db: Executor, runId: string): Promise<string[]> {
  const rows = await db.execute<{ state: string }>(sql`
    select distinct leaf as state
    from transitions,
      unnest(string_to_array(coalesce(from_state, ''), ',') || string_to_array(to_state, ',')) as leaf
    where run_id = ${runId} and leaf <> ''
    order by 1`);
  return rows.map((row) => row.state);
}
