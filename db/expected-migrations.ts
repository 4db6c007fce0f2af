import { migrations as queueMigrations } from 'graphile-worker/dist/generated/sql';
import journal from './migrations/meta/_journal.json';

/**
 * The newest migrations this build ships: Signalbox's (the `when` of the last journal entry, which
 * drizzle stores as `created_at`) and graphile-worker's (the number of its last SQL file).
 */
export function expectedMigrations(): { signalbox: number; queue: number } {
  const last = journal.entries.at(-1);
  const queueIds = Object.keys(queueMigrations).map((file) => Number.parseInt(file, 10));
  return { signalbox: last?.when ?? 0, queue: Math.max(0, ...queueIds) };
}
