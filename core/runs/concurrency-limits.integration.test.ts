import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunListQuerySchema } from '../../contracts/runs';
import { limitedPipelines } from '../../test-support/limited-pipelines';
import { cancelRun, retryRun } from '../../test-support/operator-commands';
import { person } from '../../test-support/test-actors';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import { testEngine, testWorker, waitForRun } from '../../test-support/test-engine';
import { waitForLine } from '../../test-support/wait-for-line';
import type { WorkerHandle } from '../../worker/run-worker';
import { pausePipeline } from '../controls/pause-pipeline';
import { resumePipeline } from '../controls/resume-pipeline';
import { createEngine, type Engine } from '../engine';
import { silentLogger } from '../logger';
import { listRuns } from './list-runs';
import { startRun } from './start-run';
import { startRuns } from './start-runs';

const ROOT = join(import.meta.dirname, '..', '..');
const pipelines = limitedPipelines();
let db: TestDatabase;
let engine: Engine;
let worker: WorkerHandle | undefined;
const operator = person('operator', 'ops@example.test');

beforeAll(async () => {
  db = await createTestDatabase();
  engine = testEngine(db, pipelines);
});
afterAll(async () => {
  await worker?.stop();
  await db?.drop();
});

const ensureWorker = async () => {
  worker ??= await testWorker(db, engine);
};

type Input = { feed: string; ms?: number; block?: boolean; failFirst?: boolean };
const start = async (input: Input, pipelineId = 'test-limited', on = engine) =>
  (await startRun(on, { pipelineId, input }, operator)).run;

const spawnWorker = (mode?: 'hang'): ChildProcess =>
  spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(ROOT, 'test-support/limited-worker-process.ts'),
      db.url,
      ...(mode ? [mode] : []),
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );

const ids = (runs: { id: string }[]) => `{${runs.map((r) => r.id).join(',')}}`;

/**
 * From history alone, the most runs of one key that held a slot at the same moment. A run holds one
 * from its first step attempt's start to the transition that finished it, both stamped by PostgreSQL
 * (a retried run: once before its retry, once after). A run released by a finishing run's transaction
 * claims its step after that commit, so holding one slot after another never counts as overlap.
 */
async function mostAtOnce(runs: { id: string }[]): Promise<Map<string, number>> {
  const rows = await db.db.execute<{ key: string; startedAt: number | null; finishedAt: number }>(sql`
    with retries as (
      select run_id, at from transitions where event = 'signalbox.retry' and run_id = any(${ids(runs)}::uuid[])),
    segments as (
      select r.id, r.concurrency_key as key, lo.at as since,
        coalesce((select min(n.at) from retries n where n.run_id = r.id and n.at > lo.at), 'infinity') as until
      from runs r
        cross join lateral (select '-infinity'::timestamptz as at union all
          select at from retries where retries.run_id = r.id) lo
      where r.id = any(${ids(runs)}::uuid[]))
    select key,
      (select extract(epoch from min(a.started_at)) * 1e6 from step_attempts a
        where a.run_id = s.id and a.started_at > s.since and a.started_at < s.until)::float8 as "startedAt",
      (select extract(epoch from max(t.at)) * 1e6 from transitions t
        where t.run_id = s.id and t.at >= s.since and t.at < s.until)::float8 as "finishedAt"
    from segments s`);
  const edges = new Map<string, { at: number; delta: number }[]>();
  for (const row of rows) {
    if (row.startedAt === null) continue;
    const list = edges.get(row.key) ?? [];
    list.push({ at: row.startedAt, delta: 1 }, { at: row.finishedAt, delta: -1 });
    edges.set(row.key, list);
  }
  const most = new Map<string, number>();
  for (const [key, list] of edges) {
    // At a tie, an end counts before a start.
    list.sort((a, b) => a.at - b.at || a.delta - b.delta);
    let now = 0;
    let max = 0;
    for (const edge of list) {
      now += edge.delta;
      max = Math.max(max, now);
    }
    most.set(key, max);
  }
  return most;
}

/** The runs' first step attempts, in the order they started. */
async function startOrder(runs: { id: string }[]): Promise<string[]> {
  const rows = await db.db.execute<{ runId: string }>(sql`
    select run_id as "runId" from step_attempts where run_id = any(${ids(runs)}::uuid[])
    group by run_id order by min(id)`);
  return rows.map((r) => r.runId);
}

const attemptsOf = async (runId: string) =>
  (await db.db.execute(sql`select 1 from step_attempts where run_id = ${runId}::uuid`)).length;

const queueOf = async (pipeline = 'test-limited') => {
  const query = RunListQuerySchema.parse({ pipeline, status: 'queued', sort: 'created', dir: 'asc' });
  return (await listRuns(engine, operator, query)).runs.map((r) => ({ id: r.id, queue: r.queue }));
};

describe('concurrency limits', () => {
  it('a worker killed mid-step leaks no slot: its step runs again elsewhere and the queued runs follow', async () => {
    const victim = spawnWorker('hang');
    try {
      const victimId = (await waitForLine(victim, /^ready (.+)$/m))[1]!;
      const runs = [
        await start({ feed: 'crash' }),
        await start({ feed: 'crash' }),
        await start({ feed: 'crash' }),
      ];
      expect(runs.map((r) => r.status)).toEqual(['running', 'queued', 'queued']);
      await expect
        .poll(
          async () =>
            db.db.execute(
              sql`select worker_id from step_attempts where run_id = ${runs[0]!.id}::uuid and outcome = 'running'`,
            ),
          { timeout: 15_000 },
        )
        .toEqual([{ worker_id: victimId }]);
      victim.kill('SIGKILL');
      await once(victim, 'exit');

      await ensureWorker();
      const done = await Promise.all(runs.map((r) => waitForRun(engine, r.id, undefined, 60_000)));
      expect(done.map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
      expect(await mostAtOnce(runs)).toEqual(new Map([['crash', 1]]));
      expect(await startOrder(runs)).toEqual(runs.map((r) => r.id));
    } finally {
      victim.kill('SIGKILL');
    }
  });

  it('holds with several workers and several processes starting runs at once: never more than the limit', async () => {
    await ensureWorker();
    const children = [spawnWorker(), spawnWorker()];
    const starters = [0, 1].map(() =>
      createEngine({ database: db.url, pipelines, logger: silentLogger, pool: { max: 4 } }),
    );
    try {
      await Promise.all(children.map((child) => waitForLine(child, /^ready /m)));
      const feeds = ['feed-a', 'feed-b', 'feed-c'];
      const inputs = feeds.flatMap((feed) => Array.from({ length: 6 }, () => ({ feed, ms: 60 })));
      const [single, bulk, pairSingle, pairBulk] = await Promise.all([
        // One by one from three engines (three pools: as three console processes would)...
        Promise.all(
          inputs.slice(0, 9).map((input, i) => start(input, 'test-limited', [engine, ...starters][i % 3])),
        ),
        // ...while another process starts the rest in one bulk call.
        startRuns(
          starters[0]!,
          { pipelineId: 'test-limited', runs: inputs.slice(9).map((input) => ({ input })) },
          operator,
        ),
        Promise.all(
          Array.from({ length: 4 }, (_, i) =>
            start({ feed: `any-${i}`, ms: 60 }, 'test-limited-pair', starters[1]),
          ),
        ),
        startRuns(
          engine,
          {
            pipelineId: 'test-limited-pair',
            runs: Array.from({ length: 4 }, () => ({ input: { feed: 'x', ms: 60 } })),
          },
          operator,
        ),
      ]);
      const limited = [...single, ...bulk.map((r) => r.run)];
      const pair = [...pairSingle, ...pairBulk.map((r) => r.run)];
      // One bulk call holds three runs of each feed: at most one of them gets a slot at once.
      expect(bulk.filter((r) => r.run.status === 'queued').length).toBeGreaterThanOrEqual(6);
      expect(pairBulk.filter((r) => r.run.status === 'queued').length).toBeGreaterThanOrEqual(2);

      const done = await Promise.all(
        [...limited, ...pair].map((r) => waitForRun(engine, r.id, undefined, 120_000)),
      );
      expect(done.every((r) => r.status === 'succeeded')).toBe(true);
      expect(await mostAtOnce(limited)).toEqual(new Map(feeds.map((feed) => [feed, 1])));
      const pairMost = (await mostAtOnce(pair)).get('')!;
      expect(pairMost).toBeLessThanOrEqual(2);
      const [left] = await db.db.execute<{ n: number }>(
        sql`select count(*)::int as n from runs where slot_seq is not null or status = 'queued'`,
      );
      expect(left!.n).toBe(0);
    } finally {
      for (const child of children) child.kill('SIGKILL');
      await Promise.all(starters.map((s) => s.close()));
    }
  });

  it('queued runs start in the order they were started, say why they wait, and other keys run meanwhile', async () => {
    await ensureWorker();
    const blocker = await start({ feed: 'fifo', block: true });
    const queued: { id: string; status: string }[] = [];
    for (let i = 0; i < 4; i++) queued.push(await start({ feed: 'fifo', ms: 20 }));
    expect(queued.map((r) => r.status)).toEqual(['queued', 'queued', 'queued', 'queued']);
    expect(await queueOf()).toEqual(
      queued.map((r, i) => ({
        id: r.id,
        queue: { position: i + 1, of: 4, reason: 'concurrency limit (key fifo, 1/1)' },
      })),
    );
    // A viewer without payload access is not shown the key (it comes from the input).
    const viewerQuery = RunListQuerySchema.parse({ pipeline: 'test-limited', status: 'queued' });
    const [forViewer] = (await listRuns(engine, person('viewer'), viewerQuery)).runs;
    expect(forViewer?.queue?.reason).toBe('concurrency limit (1/1)');
    // Another key is not held up by this one.
    const other = await start({ feed: 'other', ms: 20 });
    expect(other.status).toBe('running');
    expect((await waitForRun(engine, other.id)).status).toBe('succeeded');
    expect(await attemptsOf(queued[0]!.id)).toBe(0);
    // Cancelling the blocker frees its slot: the queue starts, one at a time, oldest first.
    await cancelRun(engine, { runId: blocker.id, actor: 'ops@example.test', reason: 'done waiting' });
    const done = await Promise.all(queued.map((r) => waitForRun(engine, r.id)));
    expect(done.map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
    expect(await startOrder(queued)).toEqual(queued.map((r) => r.id));
    expect(await mostAtOnce([blocker, ...queued])).toEqual(new Map([['fifo', 1]]));
  });

  it('a retried run waits for a slot when its key is full', async () => {
    await ensureWorker();
    const failing = await start({ feed: 'retry', failFirst: true });
    expect((await waitForRun(engine, failing.id)).status).toBe('failed');
    const blocker = await start({ feed: 'retry', block: true });
    expect(blocker.status).toBe('running');
    const retried = await retryRun(engine, { runId: failing.id, actor: 'ops@example.test', reason: 'again' });
    expect(retried.status).toBe('queued');
    const later = await start({ feed: 'retry', ms: 20 });
    expect(later.status).toBe('queued');
    expect((await queueOf()).map((q) => q.id)).toEqual([failing.id, later.id]);

    await cancelRun(engine, { runId: blocker.id, actor: 'ops@example.test', reason: 'free the slot' });
    const done = await Promise.all([failing, later].map((r) => waitForRun(engine, r.id)));
    expect(done.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
    expect(await mostAtOnce([blocker, failing, later])).toEqual(new Map([['retry', 1]]));
    const order = await db.db.execute<{ runId: string }>(sql`
      select run_id as "runId" from step_attempts
      where run_id = any(${ids([failing, later])}::uuid[]) and outcome = 'succeeded' order by id`);
    expect(order.map((r) => r.runId)).toEqual([failing.id, later.id]);
  });

  it('a paused pipeline releases nothing; resume releases only up to the limit', async () => {
    await ensureWorker();
    const blocker = await start({ feed: 'pause', block: true });
    // Its step runs before the pause (a step that came up after it would be held: another queue).
    await expect.poll(() => attemptsOf(blocker.id), { timeout: 15_000 }).toBe(1);
    const first = await start({ feed: 'pause', ms: 20 });
    await pausePipeline(engine, 'test-limited', { reason: 'feed maintenance' }, operator);
    const second = await start({ feed: 'pause', ms: 20 });
    expect([first.status, second.status]).toEqual(['queued', 'queued']);
    expect((await queueOf()).map((q) => q.queue?.reason)).toEqual([
      'pipeline paused by ops@example.test',
      'pipeline paused by ops@example.test',
    ]);

    // The blocker finishing frees its slot, but nothing starts while paused.
    await cancelRun(engine, { runId: blocker.id, actor: 'ops@example.test', reason: 'stop it' });
    expect((await waitForRun(engine, first.id, () => true)).status).toBe('queued');
    expect(await attemptsOf(first.id)).toBe(0);

    const released = await resumePipeline(engine, 'test-limited', { reason: 'back' }, operator);
    // One slot: the resume started the first only; the second follows it (see the history below).
    expect(released.releasedRuns).toBe(1);
    const done = await Promise.all([first, second].map((r) => waitForRun(engine, r.id)));
    expect(done.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
    expect(await startOrder([first, second])).toEqual([first.id, second.id]);
    expect(await mostAtOnce([blocker, first, second])).toEqual(new Map([['pause', 1]]));
  });
});
