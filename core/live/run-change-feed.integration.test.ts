import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifyRunChanged } from '../../db/queries/notify-run-changed';
import { type ChaosCluster, chaosCluster } from '../../scripts/chaos/cluster';
import { createEngine, type Engine } from '../engine';
import { createRunChangeFeed, type RunChangeFeed, type RunFeedEvent } from './run-change-feed';

// Its own PostgreSQL: this file stops, crashes and restarts it.
let cluster: ChaosCluster;
let engine: Engine;
let feed: RunChangeFeed;
const events: RunFeedEvent[] = [];

beforeAll(async () => {
  cluster = await chaosCluster('signalbox-feed-test');
  const url = await cluster.createDatabase('feed');
  engine = createEngine({ database: url, pipelines: [] });
  feed = createRunChangeFeed(engine);
});
afterAll(async () => {
  await feed?.close();
  await engine?.close();
  await cluster?.destroy();
});

const notice = (version: number) => ({
  runId: '8d7bfa43-7160-46d7-aae3-1e3f39f81833',
  pipelineId: 'hello-etl',
  state: 'loading',
  status: 'running',
  version,
});
const runVersions = () => events.flatMap((e) => (e.type === 'run' ? [e.notice.version] : []));
const types = () => events.map((e) => (e.type === 'database' ? `database:${e.available}` : e.type));

/** Notifies until the feed delivers it: after a restart the feed re-subscribes within a few seconds. */
async function deliverAfterRecovery(version: number) {
  await expect
    .poll(
      async () => {
        await notifyRunChanged(engine.db, notice(version)).catch(() => undefined);
        return runVersions().includes(version);
      },
      { timeout: 15_000, interval: 200 },
    )
    .toBe(true);
}

describe('the run change feed across database outages', () => {
  it('delivers notices, says when the database goes and comes back, resyncs, and delivers again', async () => {
    const { available } = await feed.subscribe((event) => events.push(event));
    expect(available).toBe(true);
    await notifyRunChanged(engine.db, notice(1));
    await expect.poll(runVersions).toEqual([1]);

    for (const mode of ['immediate', 'fast'] as const) {
      events.length = 0;
      await cluster.stop(mode);
      await expect.poll(types).toContain('database:false');
      // A stream opened during the outage learns it at once.
      const late = await feed.subscribe(() => {});
      expect(late.available).toBe(false);
      late.unsubscribe();
      await cluster.start();
      await deliverAfterRecovery(mode === 'fast' ? 3 : 2);
      const seen = types();
      expect(seen.indexOf('database:true')).toBeGreaterThan(seen.indexOf('database:false'));
      expect(seen).toContain('resync');
      // The pool reconnected too: queries work without a restart.
      const [row] = await engine.db.execute<{ one: number }>(sql`select 1 as one`);
      expect(row!.one).toBe(1);
    }
  });

  it('re-subscribes when its own connection is killed', async () => {
    events.length = 0;
    const killed = await engine.db.execute<{ pid: number }>(sql`
      select pg_terminate_backend(pid), pid from pg_stat_activity
      where application_name like '%-listen' and datname = current_database()`);
    expect(killed.length).toBe(1);
    await expect.poll(types).toContain('resync');
    await deliverAfterRecovery(4);
  });
});
