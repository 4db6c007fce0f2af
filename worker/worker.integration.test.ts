import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../core/engine';
import type { Logger } from '../core/logger';
import { silentLogger } from '../core/logger';
import { startRun } from '../core/runs/start-run';
import { listAttempts } from '../db/queries/list-attempts';
import { listTransitions } from '../db/queries/list-transitions';
import { RUN_CHANGES_CHANNEL } from '../db/queries/notify-run-changed';
import { helloEtl } from '../pipelines/hello-etl/hello-etl.pipeline';
import { actor } from '../test-support/test-actors';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database';
import { testEngine, testWorker, waitForRun } from '../test-support/test-engine';
import {
  blockingPipeline,
  crashPipeline,
  cronInbox,
  cronPipeline,
  flakyPipeline,
  probe,
} from '../test-support/test-pipelines';
import { waitForLine } from '../test-support/wait-for-line';
import { cronTask } from './tasks/cron-task';

const ROOT = join(import.meta.dirname, '..');
let db: TestDatabase;
let engine: Engine;

beforeAll(async () => {
  db = await createTestDatabase();
  engine = testEngine(db, [helloEtl, flakyPipeline, blockingPipeline, crashPipeline('finish')]);
});
afterAll(() => db.drop());

const startMany = (count: number, pipelineId: string, input: Record<string, unknown>) =>
  Promise.all(
    Array.from(
      { length: count },
      async () => (await startRun(engine, { pipelineId, input }, actor('tester'))).run,
    ),
  );

describe('several workers on one database', () => {
  it('run every step once and apply every outcome once', async () => {
    const workers = await Promise.all([1, 2, 3].map(() => testWorker(db, engine, { concurrency: 3 })));
    try {
      const runs = await startMany(24, 'test-flaky', {});
      const etl = await startMany(6, 'hello-etl', { source: 's', stepDelayMs: 5 });
      const finished = await Promise.all([...runs, ...etl].map((run) => waitForRun(engine, run.id)));
      expect(finished.every((run) => run.status === 'succeeded')).toBe(true);
      for (const run of runs) expect(probe.calls.get(run.id)).toBe(1);
      const [dupes] = await db.db.execute<{ n: number }>(sql`
        select count(*)::int as n from (
          select run_id, event from transitions group by run_id, event having count(*) > 1) d`);
      expect(dupes!.n).toBe(0);
      const workerIds = new Set(
        (await Promise.all(etl.map((r) => listAttempts(engine.db, r.id)))).flat().map((a) => a.workerId),
      );
      expect(workerIds.size).toBeGreaterThan(1);
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
  });
});

describe('shutdown', () => {
  it('aborts a running step after the grace period; another worker runs it again', async () => {
    const first = await testWorker(db, engine, { shutdownGraceMs: 300 });
    const [run] = await startMany(1, 'test-blocking', { blockMs: 1_500 });
    await probe.whenStarted(run!.id);
    await first.stop();
    expect(probe.abortedWith.get(run!.id)).toBe('StepAborted:shutdown');
    const attempts = await listAttempts(engine.db, run!.id);
    expect(attempts.map((a) => a.outcome)).toEqual(['interrupted']);

    const second = await testWorker(db, engine);
    try {
      const done = await waitForRun(engine, run!.id);
      expect(done.status).toBe('succeeded');
      const after = await listAttempts(engine.db, run!.id);
      // The same attempt (same idempotency key) ran again and finished.
      expect(after.map((a) => [a.attempt, a.outcome, a.workerId])).toEqual([
        [1, 'succeeded', second.workerId],
      ]);
    } finally {
      await second.stop();
    }
  });

  it('`signalbox worker` exits cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'cli/signalbox.mjs'), 'worker', '--concurrency', '2'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: db.url, LOG_FORMAT: 'json', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await waitForLine(child, /worker started/);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    const [beats] = await db.db.execute<{ n: number }>(sql`select count(*)::int as n from worker_heartbeats`);
    expect(beats!.n).toBe(0);
  });
});

describe('a killed worker', () => {
  it("has its locked job released by a live worker's sweep, not after graphile's 4-hour timeout", async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'test-support/worker-process.ts'), db.url],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const ready = await waitForLine(child, /^ready (.+)$/m);
    const deadWorkerId = ready[1]!;
    const [run] = await startMany(1, 'test-crash', {});
    await waitForRun(engine, run!.id, () => true);
    await expect
      .poll(async () => (await listAttempts(engine.db, run!.id))[0]?.workerId, { timeout: 10_000 })
      .toBe(deadWorkerId);
    child.kill('SIGKILL');
    await once(child, 'exit');
    const [locked] = await db.db.execute<{ n: number }>(
      sql`select count(*)::int as n from graphile_worker._private_jobs where locked_by is not null and payload->>'runId' = ${run!.id}`,
    );
    expect(locked!.n).toBe(1);

    const rescuer = await testWorker(db, engine);
    try {
      const done = await waitForRun(engine, run!.id, undefined, 30_000);
      expect(done.status).toBe('succeeded');
      expect(
        (done.snapshot as { context: { result: { finishedBy: number } } }).context.result.finishedBy,
      ).toBe(process.pid);
      const transitions = await listTransitions(engine.db, run!.id);
      expect(transitions.filter((t) => t.event === 'step.fragile.done')).toHaveLength(1);
      const [beat] = await db.db.execute<{ n: number }>(
        sql`select count(*)::int as n from worker_heartbeats where worker_id = ${deadWorkerId}`,
      );
      expect(beat!.n).toBe(0);
    } finally {
      await rescuer.stop();
    }
  });
});

describe('notifications and schedules', () => {
  it('sends a NOTIFY with run id, pipeline and new state on every committed transition', async () => {
    const listener = postgres(db.url, { max: 1 });
    const notices: Record<string, unknown>[] = [];
    await listener.listen(RUN_CHANGES_CHANNEL, (payload) => notices.push(JSON.parse(payload)));
    try {
      const { run } = await startRun(engine, { pipelineId: 'test-flaky', input: {} }, actor('tester'));
      await expect.poll(() => notices.filter((n) => n.runId === run.id).length).toBeGreaterThan(0);
      expect(notices.find((n) => n.runId === run.id)).toEqual({
        runId: run.id,
        pipelineId: 'test-flaky',
        state: 'working',
        status: 'running',
        version: 1,
      });
    } finally {
      await listener.end();
    }
  });

  it('starts one run per cron tick even with several workers', async () => {
    const cronEngine = testEngine(db, [cronPipeline]);
    const starts: boolean[] = [];
    const logger = capture((fields, msg) => {
      if (msg === 'scheduled run') starts.push(fields.created as boolean);
    });
    // Pretend the schedule has been known for ten minutes, so every worker wants to backfill it.
    await db.db.execute(sql`
      insert into graphile_worker._private_known_crontabs (identifier, known_since, last_execution)
      values ('signalbox:test-cron:every-minute', now() - interval '10 minutes', null)`);
    const workers = await Promise.all(
      [1, 2, 3].map(() => testWorker(db, cronEngine, { schedules: true, logger })),
    );
    try {
      await expect.poll(() => starts.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
      const runs = await db.db.execute<{ key: string }>(
        sql`select idempotency_key as key from runs where pipeline_id = 'test-cron' order by key`,
      );
      expect(runs.length).toBeGreaterThanOrEqual(3);
      expect(runs.length).toBeLessThanOrEqual(4);
      expect(new Set(runs.map((r) => r.key)).size).toBe(runs.length);
      // graphile-worker scheduled each tick once: no job ever found its run already there.
      expect(starts.every((created) => created)).toBe(true);
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
  });
});

describe('schedule input functions', () => {
  it('skip a tick when they return null, and start a run when they return input', async () => {
    const cronEngine = testEngine(db, [cronPipeline]);
    const tick = (ts: string) =>
      cronTask(cronEngine, { dataDir: null })(
        { pipelineId: 'test-cron', schedule: 'when-busy', _cron: { ts } },
        {} as never,
      );
    const count = async () => {
      const [row] = await db.db.execute<{ n: number }>(
        sql`select count(*)::int as n from runs where idempotency_key like 'cron:when-busy:%'`,
      );
      return row!.n;
    };
    await tick('2026-01-01T00:00:00.000Z');
    expect(await count()).toBe(0);
    cronInbox.push('file.csv');
    await tick('2026-01-01T00:01:00.000Z');
    expect(await count()).toBe(1);
  });
});

function capture(onLine: (fields: Record<string, unknown>, msg: string) => void): Logger {
  const logger: Logger = {
    ...silentLogger,
    info: (fields, msg) => onLine(fields as Record<string, unknown>, msg ?? ''),
    child: () => logger,
  };
  return logger;
}
