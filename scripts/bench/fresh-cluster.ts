import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { silentLogger } from '../../core/logger';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../../db/embedded/embedded-postgres';
import { migrateDatabase } from '../../db/migrate';
import { migrateQueue } from '../../worker/migrate-queue';

export interface ClusterOptions {
  /** fsync and synchronous commit off (default: PostgreSQL's own settings, durable). */
  nonDurable?: boolean;
  /** Load pg_stat_statements (profiling). */
  statements?: boolean;
}

/**
 * A throwaway PostgreSQL for one benchmark run: a reused data directory bloats graphile-worker's
 * tables and skews the figures, so every run starts from an empty cluster. Ports are drawn from
 * 57000–57999 so benchmarks stay clear of the test suites' ports.
 */
export async function freshCluster(
  prefix: string,
  options: ClusterOptions = {},
): Promise<{
  server: EmbeddedPostgres;
  /** Creates a database with Signalbox's and graphile-worker's schemas; returns its URL. */
  database(name: string): Promise<string>;
}> {
  const server = await startOnFreePort(prefix, options);
  // The server runs in its own process group: stop it if the benchmark is interrupted.
  const onSignal = () => void server.stop().finally(() => process.exit(130));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, onSignal);
  const stop = server.stop;
  server.stop = async () => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.off(signal, onSignal);
    await stop();
  };
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
      if (options.statements) {
        const db = postgres(url.toString(), { max: 1, onnotice: () => {} });
        await db`create extension if not exists pg_stat_statements`;
        await db.end();
      }
      return url.toString();
    },
  };
}

/** Other clusters (other benchmarks, one still shutting down) may hold a port: try a few. */
async function startOnFreePort(prefix: string, options: ClusterOptions): Promise<EmbeddedPostgres> {
  for (let attempt = 1; ; attempt++) {
    const port = 57_000 + Math.floor(Math.random() * 1_000);
    if (!(await isFree(port))) continue;
    const home = mkdtempSync(join(tmpdir(), `${prefix}-`));
    chmodSync(home, 0o755); // the postgres user must be able to enter it
    try {
      return await startEmbeddedPostgres({
        home,
        port,
        database: 'postgres',
        ephemeral: true,
        nonDurable: options.nonDurable ?? false,
        settings: options.statements
          ? [
              'shared_preload_libraries=pg_stat_statements',
              'pg_stat_statements.track=all',
              'pg_stat_statements.track_planning=on',
            ]
          : [],
      });
    } catch (error) {
      rmSync(home, { recursive: true, force: true });
      if (attempt >= 5) throw error;
    }
  }
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer()
      .once('error', () => resolve(false))
      .listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** CPU time (ms) so far of the processes `which` picks, from /proc (Linux only; 0 elsewhere). */
export function processCpuMs(
  which: (process: { pid: number; ppid: number; pgrp: number }) => boolean,
): number {
  let ticks = 0;
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return 0;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command (which may hold spaces): state ppid pgrp … utime(14) stime(15).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (!which({ pid: Number(entry), ppid: Number(fields[1]), pgrp: Number(fields[2]) })) continue;
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks * TICK_MS;
}

/** CPU time (ms) of a PostgreSQL server and its backends so far. */
export const postgresCpuMs = (postmasterPid: number): number =>
  processCpuMs((p) => p.pid === postmasterPid || p.ppid === postmasterPid);
