import type { Executor } from '../../db/client';
import { expectedMigrations } from '../../db/expected-migrations';
import { readAppliedMigrations } from '../../db/queries/read-applied-migrations';

export interface Readiness {
  ready: boolean;
  database: 'ok' | 'unreachable';
  migrations: 'current' | 'pending' | 'unknown';
}

/**
 * Whether this process can serve: PostgreSQL answers within `timeoutMs`, and the schema is the one
 * this build expects (Signalbox's and graphile-worker's migrations applied). A console started
 * before the release's migration Job finished reports `pending` until it has. No data leaves here.
 */
export async function checkReadiness(db: Executor, timeoutMs = 2_000): Promise<Readiness> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
  });
  try {
    const applied = await Promise.race([readAppliedMigrations(db), timeout]);
    const expected = expectedMigrations();
    const current =
      applied.signalbox !== null &&
      applied.signalbox >= expected.signalbox &&
      applied.queue !== null &&
      applied.queue >= expected.queue;
    return { ready: current, database: 'ok', migrations: current ? 'current' : 'pending' };
  } catch {
    return { ready: false, database: 'unreachable', migrations: 'unknown' };
  } finally {
    clearTimeout(timer);
  }
}
