import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

export interface AppliedMigrations {
  /** `when` of the newest applied Signalbox migration (drizzle's `created_at`); null before any. */
  signalbox: number | null;
  /** Id of the newest applied graphile-worker migration; null before its schema exists. */
  queue: number | null;
}

/** What `signalbox migrate` has applied so far. Works on an empty database (both null). */
export async function readAppliedMigrations(db: Executor): Promise<AppliedMigrations> {
  const [tables] = await db.execute<{ signalbox: boolean; queue: boolean }>(sql`
    select to_regclass('drizzle.__drizzle_migrations') is not null as signalbox,
           to_regclass('graphile_worker.migrations') is not null as queue`);
  let signalbox: number | null = null;
  let queue: number | null = null;
  if (tables?.signalbox) {
    const [row] = await db.execute<{ latest: string | null }>(
      sql`select max(created_at)::text as latest from drizzle.__drizzle_migrations`,
    );
    signalbox = row?.latest == null ? null : Number(row.latest);
  }
  if (tables?.queue) {
    const [row] = await db.execute<{ latest: number | null }>(
      sql`select max(id) as latest from graphile_worker.migrations`,
    );
    queue = row?.latest ?? null;
  }
  return { signalbox, queue };
}
