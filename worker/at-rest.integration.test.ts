import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { startRun } from '../core/runs/start-run';
import { cancelRun } from '../test-support/operator-commands';
import { setUpTestEngine } from '../test-support/set-up-test-engine';
import { actor } from '../test-support/test-actors';
import { waitForRun } from '../test-support/test-engine';
import { blockingPipeline, cronPipeline, flakyPipeline } from '../test-support/test-pipelines';
import { retentionTask } from './tasks/retention-task';

const fx = setUpTestEngine([flakyPipeline, blockingPipeline, cronPipeline], {
  worker: { schedules: true },
});

const count = async (table: string) => {
  const [row] = await fx.db.db.execute<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`));
  return row!.n;
};

/**
 * Nothing grows with the number of runs but Signalbox's own history (which `signalbox prune`
 * trims): graphile-worker deletes a job when it ends, heartbeats are one row per live worker, and
 * the cron table one row per schedule (and one for the alerts' check).
 */
describe('at rest', () => {
  it('leaves no jobs behind, one heartbeat per worker and one cron row per schedule', async () => {
    const start = (failTimes: number, pipelineId = 'test-flaky') =>
      startRun(fx.engine, { pipelineId, input: { failTimes } }, actor('test')).then(({ run }) => run.id);
    const ids = await Promise.all([start(0), start(1), start(5), start(0), start(2)]);
    const blocked = await start(0, 'test-blocking');
    await cancelRun(fx.engine, { runId: blocked, actor: 'test', reason: 'at rest' });
    for (const id of [...ids, blocked]) await waitForRun(fx.engine, id);

    // Succeeded, failed for good (after its retries) and cancelled: no job stays in the queue.
    await expect.poll(() => count('graphile_worker._private_jobs'), { timeout: 10_000 }).toBe(0);
    expect(await count('worker_heartbeats')).toBe(1);
    // The pipelines' schedules, and the alerts' check (every minute).
    expect(await count('graphile_worker._private_known_crontabs')).toBeLessThanOrEqual(
      cronPipeline.schedules.length + 1,
    );
  });

  it('runs the daily prune as a task that audits what it deleted and never fails its job', async () => {
    const task = retentionTask(fx.engine, { finishedRunsDays: 1, quarantineDays: 30 });
    await task({}, { abortSignal: new AbortController().signal } as Parameters<typeof task>[1]);
    const rows = await fx.db.db.execute<{ action: string; actor: string }>(
      sql`select action, actor from audit_events where action like '%.prune' order by id`,
    );
    expect(rows.map((row) => [row.action, row.actor])).toEqual([
      ['runs.prune', 'worker:retention'],
      ['quarantine.prune', 'worker:retention'],
    ]);
  });
});
