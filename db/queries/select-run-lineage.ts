import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import type { RunStatus } from '../schema';
import type { RunOrigin } from './run-record';

export interface RunLineage {
  origin: RunOrigin | null;
  forks: { id: string; version: number; state: string; status: RunStatus; createdAt: Date }[];
}

/** Where a run was forked from, and the runs forked from it (newest first, at most `limit`). */
export async function selectRunLineage(db: Executor, runId: string, limit = 50): Promise<RunLineage> {
  const [row] = await db.execute<{ origin: RunOrigin | null; forks: RunLineageRow[] | null }>(sql`
    select
      (select case when forked_from_run_id is null then null else json_build_object(
          'runId', forked_from_run_id, 'version', forked_from_version, 'state', forked_from_state) end
        from runs where id = ${runId}::uuid) as origin,
      (select json_agg(f order by f."createdAt" desc) from (
        select id, forked_from_version as version, forked_from_state as state, status, created_at as "createdAt"
        from runs where forked_from_run_id = ${runId}::uuid
        order by created_at desc limit ${limit}) f) as forks`);
  return {
    origin: row?.origin ?? null,
    forks: (row?.forks ?? []).map((f) => ({ ...f, createdAt: new Date(f.createdAt) })),
  };
}

type RunLineageRow = Omit<RunLineage['forks'][number], 'createdAt'> & { createdAt: string };
