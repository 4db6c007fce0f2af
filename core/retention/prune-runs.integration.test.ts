import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedSyntheticRuns } from '../../db/queries/seed-synthetic-runs';
import { allPipelines } from '../../pipelines/all-pipelines';
import { cancelRun } from '../../test-support/operator-commands';
import { setUpTestEngine } from '../../test-support/set-up-test-engine';
import { actor, person } from '../../test-support/test-actors';
import { listAudit } from '../audit/list-audit';
import { PipelineRegistry } from '../definition/pipeline-registry';
import { startRun } from '../runs/start-run';
import { applyRetention } from './apply-retention';
import { pruneQuarantine } from './prune-quarantine';
import { pruneRuns } from './prune-runs';
import { retentionCutoff } from './retention-cutoff';

const fx = setUpTestEngine(allPipelines);
const DAY = 24 * 60 * 60 * 1000;
let cancelledId: string;

const count = async (query: ReturnType<typeof sql>) => {
  const [row] = await fx.db.db.execute<{ n: number }>(query);
  return row!.n;
};
const runsWhere = (where: ReturnType<typeof sql>) =>
  count(sql`select count(*)::int as n from runs where ${where}`);
const orphans = () =>
  count(sql`select ((select count(*) from transitions t where not exists (select 1 from runs r where r.id = t.run_id))
    + (select count(*) from step_attempts a where not exists (select 1 from runs r where r.id = a.run_id)))::int as n`);

beforeAll(async () => {
  // 2,000 runs over 90 days (10 transitions and 5 attempts each), then one a person cancelled 60 days ago.
  await seedSyntheticRuns(fx.db.sql, { runs: 2_000, days: 90 });
  const { run } = await startRun(
    fx.engine,
    { pipelineId: 'hello-etl', input: { source: 'old.csv' } },
    actor('test'),
  );
  await cancelRun(fx.engine, { runId: run.id, actor: 'ops@example.test', reason: 'wrong file' });
  cancelledId = run.id;
  await fx.db.db.execute(sql`
    update runs set created_at = now() - interval '60 days', finished_at = now() - interval '60 days'
    where id = ${run.id}`);
});

describe('pruneRuns', () => {
  it('counts what would go in a dry run, and deletes nothing', async () => {
    const before = await runsWhere(sql`true`);
    const result = await pruneRuns(
      fx.engine,
      { finishedBefore: retentionCutoff('30d'), dryRun: true },
      actor('cli'),
    );
    const expected = await runsWhere(
      sql`status in ('succeeded', 'failed', 'cancelled') and finished_at < now() - interval '30 days'`,
    );
    expect(result.runs).toBe(expected);
    expect(result.byPipeline?.reduce((sum, row) => sum + row.runs, 0)).toBe(expected);
    expect(await runsWhere(sql`true`)).toBe(before);
  });

  it('deletes one pipeline’s old finished runs with their history, in batches', async () => {
    const target = await runsWhere(
      sql`pipeline_id = 'lab-results-csv' and finished_at < now() - interval '45 days'`,
    );
    const progress: number[] = [];
    const result = await pruneRuns(
      fx.engine,
      {
        finishedBefore: new Date(Date.now() - 45 * DAY),
        pipelineIds: ['lab-results-csv'],
        batchSize: 50,
        onProgress: (totals) => progress.push(totals.runs),
      },
      actor('cli'),
    );
    expect(result.runs).toBe(target);
    expect(result.transitions).toBe(target * 10);
    expect(result.attempts).toBe(target * 5);
    expect(result.batches).toBe(Math.ceil(target / 50));
    expect(progress.at(-1)).toBe(target);
    expect(
      await runsWhere(sql`pipeline_id = 'lab-results-csv' and finished_at < now() - interval '45 days'`),
    ).toBe(0);
    expect(await orphans()).toBe(0);
    // Other pipelines and waiting runs of any age are untouched.
    expect(
      await runsWhere(
        sql`pipeline_id = 'lab-results-csv' and status = 'waiting' and created_at < now() - interval '45 days'`,
      ),
    ).toBeGreaterThan(0);
  });

  it('never touches running or waiting runs, keeps the audit trail of pruned runs, and audits itself', async () => {
    const active = await runsWhere(sql`status in ('running', 'waiting')`);
    const result = await pruneRuns(fx.engine, { finishedBefore: retentionCutoff('30d') }, actor('cli'));
    expect(result.runs).toBeGreaterThan(0);
    expect(await runsWhere(sql`status in ('running', 'waiting')`)).toBe(active);
    expect(await runsWhere(sql`finished_at < now() - interval '30 days'`)).toBe(0);
    expect(await runsWhere(sql`finished_at >= now() - interval '30 days'`)).toBeGreaterThan(0);
    expect(await orphans()).toBe(0);

    const trail = await listAudit(fx.engine, person('admin'), { target: `run:${cancelledId}`, limit: 10 });
    expect(trail.events.map((e) => [e.action, e.actor, e.runPruned])).toEqual([
      ['run.cancel', 'ops@example.test', true],
      ['run.start', 'test', true],
    ]);
    const [prune] = (await listAudit(fx.engine, person('admin'), { action: 'runs.prune', limit: 1 })).events;
    expect(prune).toMatchObject({ actor: 'cli', target: 'runs', outcome: 'accepted' });
    expect(prune!.details).toMatchObject({
      finishedBefore: result.finishedBefore,
      runs: result.runs,
      transitions: result.transitions,
      attempts: result.attempts,
    });
  });

  it('is for admins: an operator is refused (403)', async () => {
    await expect(
      pruneRuns(fx.engine, { finishedBefore: retentionCutoff('30d') }, person('operator')),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('the daily retention', () => {
  it('keeps each pipeline by its own retention, the rest by the deployment’s, and prunes old quarantine', async () => {
    await fx.db.db.execute(sql`
      insert into quarantined_records (run_id, record_number, field, reason, stage, created_at)
      select id, 1, 'value', 'not a number', 'validating', now() - interval '40 days' from runs
      where status = 'waiting' limit 3`);
    const longer = {
      ...allPipelines.find((p) => p.id === 'hello-etl')!,
      retention: { finishedRunsDays: 25 },
    };
    const registry = new PipelineRegistry(allPipelines.map((p) => (p.id === 'hello-etl' ? longer : p)));
    const engine = { ...fx.engine, registry };
    await applyRetention(engine, { finishedRunsDays: 20, quarantineDays: 30 }, actor('worker'));
    expect(await runsWhere(sql`pipeline_id = 'hello-etl' and finished_at < now() - interval '25 days'`)).toBe(
      0,
    );
    expect(
      await runsWhere(sql`pipeline_id = 'hello-etl' and finished_at < now() - interval '21 days'`),
    ).toBeGreaterThan(0);
    expect(
      await runsWhere(sql`pipeline_id <> 'hello-etl' and finished_at < now() - interval '20 days'`),
    ).toBe(0);
    expect(await count(sql`select count(*)::int as n from quarantined_records`)).toBe(0);
    const again = await pruneQuarantine(engine, { createdBefore: new Date(), dryRun: true }, actor('cli'));
    expect(again.quarantinedRecords).toBe(0);
  });
});
