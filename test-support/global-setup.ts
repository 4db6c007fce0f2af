import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { silentLogger } from '../core/logger';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../db/embedded/embedded-postgres';
import { migrateDatabase } from '../db/migrate';
import { migrateQueue } from '../worker/migrate-queue';

export const TEMPLATE_DATABASE = 'signalbox_test_template';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of a maintenance database on the test server (CREATE DATABASE ... TEMPLATE). */
    adminUrl: string;
  }
}

let server: EmbeddedPostgres | undefined;

/**
 * One PostgreSQL for the whole run: DATABASE_URL's server when set, else a throwaway embedded one.
 * A migrated template database is made once; each test file clones it (fast, isolated).
 */
export async function setup(project: TestProject): Promise<void> {
  let adminUrl: string;
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = '/postgres';
    adminUrl = url.toString();
  } else {
    const home = mkdtempSync(join(tmpdir(), 'signalbox-test-'));
    chmodSync(home, 0o755); // the postgres user must be able to enter it
    server = await startEmbeddedPostgres({
      home,
      port: 55_000 + Math.floor(Math.random() * 5_000),
      database: 'postgres',
      ephemeral: true,
    });
    adminUrl = server.adminUrl;
  }
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${TEMPLATE_DATABASE} with (force)`);
  await admin.unsafe(`create database ${TEMPLATE_DATABASE}`);
  await admin.end();
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${TEMPLATE_DATABASE}`;
  await migrateDatabase(templateUrl.toString());
  await migrateQueue(templateUrl.toString(), silentLogger);
  project.provide('adminUrl', adminUrl);
}

export async function teardown(): Promise<void> {
  await server?.stop();
}
