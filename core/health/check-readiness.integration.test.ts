import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase } from '../../db/client';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import { checkReadiness } from './check-readiness';

let migrated: TestDatabase;
beforeAll(async () => {
  migrated = await createTestDatabase();
});
afterAll(() => migrated.drop());

describe('checkReadiness', () => {
  it('is ready on a migrated database', async () => {
    expect(await checkReadiness(migrated.db)).toEqual({ ready: true, database: 'ok', migrations: 'current' });
  });

  it('waits for the migrations on an empty database', async () => {
    const admin = postgres(inject('adminUrl'), { max: 1, onnotice: () => {} });
    const name = `signalbox_empty_${randomBytes(4).toString('hex')}`;
    await admin.unsafe(`create database ${name}`);
    const url = new URL(inject('adminUrl'));
    url.pathname = `/${name}`;
    const empty = createDatabase(url.toString(), { max: 1 });
    try {
      expect(await checkReadiness(empty.db)).toEqual({ ready: false, database: 'ok', migrations: 'pending' });
    } finally {
      await empty.close();
      await admin.unsafe(`drop database ${name} with (force)`);
      await admin.end();
    }
  });

  it('says the database is unreachable, within its timeout', async () => {
    const nowhere = createDatabase('postgres://signalbox@127.0.0.1:1/none', { max: 1 });
    try {
      expect(await checkReadiness(nowhere.db, 1_000)).toEqual({
        ready: false,
        database: 'unreachable',
        migrations: 'unknown',
      });
    } finally {
      await nowhere.close();
    }
  });
});
