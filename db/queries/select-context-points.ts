import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import type { StoredStateValue } from '../schema';

/** A transition as the context history keeps it. */
export interface ContextPointRow {
  version: number;
  toState: string;
  stateValue: StoredStateValue | null;
  context: unknown;
  contextPatch: unknown;
}

/**
 * The transitions needed to rebuild the context after version `version` of a run: from the nearest
 * transition at or before it that keeps the full context, up to `version`, oldest first.
 */
export async function selectContextPoints(
  db: Executor,
  runId: string,
  version: number,
): Promise<ContextPointRow[]> {
  const rows = await db.execute<ContextPointRow & Record<string, unknown>>(sql`
    select run_version as version, to_state as "toState", state_value as "stateValue",
      context, context_patch as "contextPatch"
    from transitions
    where run_id = ${runId}::uuid and run_version <= ${version}
      and run_version >= coalesce((
        select max(run_version) from transitions
        where run_id = ${runId}::uuid and run_version <= ${version} and context is not null), 0)
    order by run_version, id`);
  return [...rows];
}

/** The latest version at which a run entered a state whose label has leaf `state` (a ',' list). */
export async function selectLastVersionIn(
  db: Executor,
  runId: string,
  state: string,
): Promise<number | undefined> {
  const [row] = await db.execute<{ version: number | null }>(sql`
    select max(run_version) as version from transitions
    where run_id = ${runId}::uuid and ${state} = any(string_to_array(to_state, ','))`);
  return row?.version ?? undefined;
}
