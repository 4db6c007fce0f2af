import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { pausePipeline } from '../../core/controls/pause-pipeline';
import { resumePipeline } from '../../core/controls/resume-pipeline';
import { definePipeline } from '../../core/definition/define-pipeline';
import { setUpTestEngine } from '../../test-support/set-up-test-engine';
import { person } from '../../test-support/test-actors';
import { cronPipeline } from '../../test-support/test-pipelines';
import { cronTask } from './cron-task';

const pausable = definePipeline({
  id: 'test-cron',
  version: 1,
  title: 'Cron',
  description: 'scheduled, pausable',
  input: cronPipeline.input,
  machine: cronPipeline.machine,
  steps: { tick: { run: async () => null } },
  schedules: [
    { name: 'skipping', cron: '* * * * *', input: {} },
    { name: 'queueing', cron: '* * * * *', input: {}, whilePaused: 'queue' },
  ],
});

const t = setUpTestEngine([pausable]);
const operator = person('operator');

const tick = (schedule: string, ts: string) =>
  cronTask(t.engine, { dataDir: null })({ pipelineId: 'test-cron', schedule, _cron: { ts } }, {} as never);

describe('cron ticks of a paused pipeline', () => {
  it('are skipped and recorded, or start a queued run, per schedule', async () => {
    await pausePipeline(t.engine, 'test-cron', { reason: 'upstream outage' }, operator);
    await tick('skipping', '2026-01-01T00:00:00.000Z');
    await tick('queueing', '2026-01-01T00:00:00.000Z');
    const runs = await t.db.db.execute<{ key: string; status: string }>(
      sql`select idempotency_key as key, status from runs order by created_at`,
    );
    expect(runs).toEqual([{ key: 'cron:queueing:2026-01-01T00:00:00.000Z', status: 'queued' }]);
    const skipped = await t.db.db.execute<{ actor: string; target: string; details: { tick: string } }>(
      sql`select actor, target, details from audit_events where action = 'schedule.tick_skipped'`,
    );
    expect(skipped).toEqual([
      {
        actor: 'cron:skipping',
        target: 'pipeline:test-cron',
        details: { pipelineId: 'test-cron', schedule: 'skipping', tick: '2026-01-01T00:00:00.000Z' },
      },
    ]);
    await resumePipeline(t.engine, 'test-cron', {}, operator);
    await tick('skipping', '2026-01-01T00:01:00.000Z');
    const [after] = await t.db.db.execute<{ n: number }>(
      sql`select count(*)::int as n from runs where idempotency_key like 'cron:skipping:%'`,
    );
    expect(after!.n).toBe(1);
  });
});
