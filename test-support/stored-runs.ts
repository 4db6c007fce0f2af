import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { inject } from 'vitest';
import { silentLogger } from '../core/logger';
import { MIGRATIONS_FOLDER, migrateDatabase } from '../db/migrate';
import { migrateQueue } from '../worker/migrate-queue';
import { openTestDatabase, type TestDatabase } from './test-database';

export const STORED_RUNS_FOLDER = join(import.meta.dirname, 'fixtures', 'stored-runs');

/** Runs as an earlier version of Signalbox stored them (see scripts/fixtures/capture-stored-runs.sh). */
export interface StoredRunsFixture {
  label: string;
  commit: string;
  /** The last migration that version had applied: the rows fit the schema as it was then. */
  migration: string;
  runs: Record<string, unknown>[];
}

export const storedRunsFixtures = (): StoredRunsFixture[] =>
  readdirSync(STORED_RUNS_FOLDER)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(STORED_RUNS_FOLDER, f), 'utf8')) as StoredRunsFixture);

/** Applies Signalbox's migrations up to and including `lastTag` (a copy of the folder, its journal cut there). */
async function migrateUpTo(url: string, lastTag: string): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'signalbox-migrations-'));
  try {
    cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
    const journalFile = join(folder, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
    const last = journal.entries.findIndex((e) => e.tag === lastTag);
    if (last < 0) throw new Error(`no migration ${lastTag}`);
    journal.entries = journal.entries.slice(0, last + 1);
    writeFileSync(journalFile, JSON.stringify(journal));
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    try {
      await migrate(drizzle(sql), { migrationsFolder: folder });
    } finally {
      await sql.end();
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * A fresh database as the fixture's version left it — schema up to its last migration, its runs
 * inserted as stored — then upgraded the way a deploy upgrades it: every later migration applied.
 */
export async function databaseWithStoredRuns(fixture: StoredRunsFixture): Promise<TestDatabase> {
  const adminUrl = inject('adminUrl');
  const name = `signalbox_stored_${randomBytes(5).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await migrateUpTo(url.toString(), fixture.migration);
  const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    for (const row of fixture.runs) {
      await sql`insert into runs select * from jsonb_populate_record(null::runs, ${sql.json(row as never)})`;
    }
  } finally {
    await sql.end();
  }
  await migrateDatabase(url.toString());
  await migrateQueue(url.toString(), silentLogger);
  return openTestDatabase(adminUrl, name, url.toString());
}
