import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { inject } from 'vitest';
import { createDatabase, type Database } from '../db/client';

const TEMPLATE_DATABASE = 'signalbox_test_template';

export interface TestDatabase extends Database {
  url: string;
  /** Closes the client and drops the database. */
  drop(): Promise<void>;
}

/** A fresh database cloned from the migrated template: one per test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('adminUrl');
  const name = `signalbox_test_${randomBytes(5).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name} template ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return openTestDatabase(adminUrl, name, url.toString());
}

/** A client of the test database `name` (at `url`) whose `drop()` closes it and drops the database. */
export function openTestDatabase(adminUrl: string, name: string, url: string): TestDatabase {
  const database = createDatabase(url, { max: 5, applicationName: 'signalbox-test' });
  return {
    ...database,
    url,
    async drop() {
      await database.close();
      const again = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        await again.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await again.end();
      }
    },
  };
}
