import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenRunChanges } from '../../db/queries/listen-run-changes';
import { helloEtl } from '../../pipelines/hello-etl/hello-etl.pipeline';
import { actor, person } from '../../test-support/test-actors';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import { testEngine } from '../../test-support/test-engine';
import type { Engine } from '../engine';
import { startRun } from './start-run';
import { startRuns } from './start-runs';

let db: TestDatabase;
let engine: Engine;

beforeAll(async () => {
  db = await createTestDatabase();
  engine = testEngine(db, [helloEtl]);
});
afterAll(() => db.drop());

const countWhere = async (table: string, runIds: string[]) => {
  const [row] = await db.db.execute<{ n: number }>(
    sql`select count(*)::int as n from ${sql.identifier(table)} where run_id::text in (select json_array_elements_text(${JSON.stringify(runIds)}::json))`,
  );
  return row!.n;
};

describe('startRuns', () => {
  it('starts many runs in one call as startRun starts one: row, transition, audit, job and notice each', async () => {
    const notices: string[] = [];
    const unlisten = await listenRunChanges(engine.listen, (notice) => notices.push(notice.runId));
    const results = await startRuns(
      engine,
      { pipelineId: 'hello-etl', runs: [1, 2, 3].map((i) => ({ input: { source: `f${i}.csv` } })) },
      actor('tester'),
    );
    const ids = results.map((r) => r.run.id);
    expect(results.map((r) => [r.created, r.run.state, r.run.version, r.run.input])).toEqual(
      [1, 2, 3].map((i) => [
        true,
        'extracting',
        1,
        { source: `f${i}.csv`, rows: 100, simulateFailures: 0, stepDelayMs: 300 },
      ]),
    );
    expect(await countWhere('transitions', ids)).toBe(3);
    expect(await countWhere('audit_events', ids)).toBe(3);
    const jobs = await db.db.execute<{ runId: string; task: string }>(sql`
      select j.payload->>'runId' as "runId", t.identifier as task from graphile_worker._private_jobs j
      join graphile_worker._private_tasks t on t.id = j.task_id
      where j.payload->>'runId' in (select json_array_elements_text(${JSON.stringify(ids)}::json))`);
    expect(jobs.map((j) => j.runId).sort()).toEqual([...ids].sort());
    expect(new Set(jobs.map((j) => j.task))).toEqual(new Set(['signalbox.step']));
    await expect.poll(() => [...notices].sort()).toEqual([...ids].sort());
    await unlisten();
  });

  it('validates every input first and writes nothing when one is invalid', async () => {
    const [before] = await db.db.execute<{ n: number }>(sql`select count(*)::int as n from runs`);
    const error = await startRuns(
      engine,
      { pipelineId: 'hello-etl', runs: [{ input: { source: 'ok.csv' } }, { input: { source: '' } }] },
      actor('tester'),
    ).catch((e) => e);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
    expect(error.details.fields.map((f: { path: string }) => f.path)).toEqual(['runs.1.source']);
    const [after] = await db.db.execute<{ n: number }>(sql`select count(*)::int as n from runs`);
    expect(after!.n).toBe(before!.n);
  });

  it('returns the existing run for a taken idempotency key and refuses a key repeated in one call', async () => {
    const { run: existing } = await startRun(
      engine,
      { pipelineId: 'hello-etl', input: { source: 'a.csv' }, idempotencyKey: 'bulk-1' },
      actor('tester'),
    );
    const results = await startRuns(
      engine,
      {
        pipelineId: 'hello-etl',
        runs: [
          { input: { source: 'a.csv' }, idempotencyKey: 'bulk-1' },
          { input: { source: 'b.csv' }, idempotencyKey: 'bulk-2' },
        ],
      },
      actor('tester'),
    );
    expect(results.map((r) => r.created)).toEqual([false, true]);
    expect(results[0]!.run.id).toBe(existing.id);
    expect(await countWhere('transitions', [existing.id])).toBe(1);

    const repeated = await startRuns(
      engine,
      {
        pipelineId: 'hello-etl',
        runs: [
          { input: { source: 'c.csv' }, idempotencyKey: 'bulk-3' },
          { input: { source: 'c.csv' }, idempotencyKey: 'bulk-3' },
        ],
      },
      actor('tester'),
    ).catch((e) => e);
    expect(repeated.details.fields).toEqual([
      { path: 'runs.1.idempotencyKey', message: 'repeated in this call' },
    ]);
  });

  it('needs runs:write', async () => {
    const error = await startRuns(
      engine,
      { pipelineId: 'hello-etl', runs: [{ input: { source: 'a.csv' } }] },
      person('viewer'),
    ).catch((e) => e);
    expect(error).toMatchObject({ code: 'FORBIDDEN' });
  });
});
