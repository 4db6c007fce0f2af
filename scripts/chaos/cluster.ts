import { chmodSync, mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { silentLogger } from '../../core/logger';
import {
  type EmbeddedPostgres,
  type ShutdownMode,
  startEmbeddedPostgres,
} from '../../db/embedded/embedded-postgres';
import { migrateDatabase } from '../../db/migrate';
import { migrateQueue } from '../../worker/migrate-queue';

/** A throwaway PostgreSQL that a fault-injection scenario may stop, crash and start again. */
export interface ChaosCluster {
  port: number;
  adminUrl: string;
  /** The URL of a database on this server. */
  url(database: string): string;
  /** Creates a database with Signalbox's and graphile-worker's schemas; returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** True while the server runs (between `start` and `stop`). */
  readonly running: boolean;
  stop(mode?: ShutdownMode): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and deletes its data. */
  destroy(): Promise<void>;
}

/** A port nobody listens on right now (the kernel picks it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A fresh cluster in a temporary folder, on a free port. fsync is off for speed, which still
 * survives `immediate` shutdowns (the operating system keeps the written pages); commits stay
 * synchronous, as in production: with `synchronous_commit = off` a crash loses acknowledged commits,
 * and graphile-worker, which completes jobs by id, may then delete a newer job that got the same id.
 */
export async function chaosCluster(prefix = 'signalbox-chaos'): Promise<ChaosCluster> {
  const home = mkdtempSync(join(tmpdir(), `${prefix}-`));
  chmodSync(home, 0o755); // the postgres user must be able to enter it
  const port = await freePort();
  const boot = () =>
    startEmbeddedPostgres({
      home,
      port,
      database: 'postgres',
      settings: ['fsync=off', 'full_page_writes=off', 'max_connections=300'],
    });
  let server: EmbeddedPostgres | undefined = await boot();
  const adminUrl = server.adminUrl;
  const url = (database: string) => {
    const u = new URL(adminUrl);
    u.pathname = `/${database}`;
    return u.toString();
  };
  let destroyed = false;
  // The server runs in its own process group: stop it if the scenario is interrupted.
  const onSignal = () => void server?.stop('immediate').finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const cluster: ChaosCluster = {
    port,
    adminUrl,
    url,
    get running() {
      return server !== undefined;
    },
    async createDatabase(name) {
      const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        await admin.unsafe(`create database ${name}`);
      } finally {
        await admin.end();
      }
      await migrateDatabase(url(name));
      await migrateQueue(url(name), silentLogger);
      return url(name);
    },
    async stop(mode = 'fast') {
      const running = server;
      server = undefined;
      await running?.stop(mode);
    },
    async start() {
      if (destroyed) throw new Error('cluster destroyed');
      server ??= await boot();
    },
    async destroy() {
      destroyed = true;
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await cluster.stop('immediate');
      await rm(home, { recursive: true, force: true });
    },
  };
  return cluster;
}
