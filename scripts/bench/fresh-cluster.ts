import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { silentLogger } from '../../core/logger';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../../db/embedded/embedded-postgres';
import { migrateDatabase } from '../../db/migrate';
import { migrateQueue } from '../../worker/migrate-queue';

/**
 * A throwaway PostgreSQL for one benchmark run: a reused data directory bloats graphile-worker's
 * tables and skews the figures, so every run starts from an empty cluster.
 */
export async function freshCluster(prefix: string): Promise<{
  server: EmbeddedPostgres;
  /** Creates a database with Signalbox's and graphile-worker's schemas; returns its URL. */
  database(name: string): Promise<string>;
}> {
  const home = mkdtempSync(join(tmpdir(), `${prefix}-`));
  chmodSync(home, 0o755); // the postgres user must be able to enter it
  const server = await startEmbeddedPostgres({
    home,
    port: 56_000 + Math.floor(Math.random() * 2_000),
    database: 'postgres',
    ephemeral: true,
  });
  // The server runs in its own process group: stop it if the benchmark is interrupted.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void server.stop().finally(() => process.exit(130)));
  }
  return {
    server,
    async database(name) {
      const admin = postgres(server.adminUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${name}`);
      await admin.end();
      const url = new URL(server.adminUrl);
      url.pathname = `/${name}`;
      await migrateDatabase(url.toString());
      await migrateQueue(url.toString(), silentLogger);
      return url.toString();
    },
  };
}
