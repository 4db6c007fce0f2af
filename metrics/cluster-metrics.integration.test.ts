import { sql } from 'drizzle-orm';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../core/logger';
import { createDatabase } from '../db/client';
import { readQueueDepth } from '../db/queries/read-queue-depth';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database';
import { clusterMetrics } from './cluster-metrics';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

const addJob = (runAt: string) =>
  db.db.execute(
    sql`select graphile_worker.add_job('signalbox.step', '{}'::json, run_at => ${runAt}::timestamptz)`,
  );

describe('queue depth', () => {
  it('tells ready, scheduled, running and failed jobs apart, and how long the oldest ready job waits', async () => {
    await addJob(new Date(Date.now() - 60_000).toISOString());
    await addJob(new Date().toISOString());
    await addJob(new Date(Date.now() + 3_600_000).toISOString());
    await addJob(new Date().toISOString());
    await addJob(new Date().toISOString());
    // One taken by a worker, one out of attempts.
    await db.db.execute(sql`
      update graphile_worker._private_jobs set locked_at = now(), locked_by = 'w'
      where id = (select max(id) from graphile_worker._private_jobs)`);
    await db.db.execute(sql`
      update graphile_worker._private_jobs set attempts = max_attempts
      where id = (select max(id) - 1 from graphile_worker._private_jobs)`);
    const depth = await readQueueDepth(db.db);
    expect(depth).toMatchObject({ ready: 2, scheduled: 1, running: 1, failed: 1 });
    expect(depth.oldestReadyAgeSeconds).toBeGreaterThanOrEqual(59);
    expect(depth.oldestReadyAgeSeconds).toBeLessThan(3_600);
  });
});

describe('clusterMetrics', () => {
  it('reports the database as down and keeps serving the other metrics', async () => {
    const registry = new Registry();
    const nowhere = createDatabase('postgres://signalbox@127.0.0.1:1/none', { max: 1 });
    try {
      clusterMetrics(registry, nowhere.db, silentLogger);
      const text = await registry.metrics();
      expect(text).toContain('signalbox_database_up 0');
      expect(text).toContain('# TYPE signalbox_queue_oldest_ready_job_age_seconds gauge');
    } finally {
      await nowhere.close();
    }
  });
});
