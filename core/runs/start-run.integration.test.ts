import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { documentReview } from '../../pipelines/document-review/document-review.pipeline';
import { helloEtl } from '../../pipelines/hello-etl/hello-etl.pipeline';
import { setUpTestEngine } from '../../test-support/set-up-test-engine';
import { actor } from '../../test-support/test-actors';
import { AppError } from '../errors';
import { startRun } from './start-run';

const fx = setUpTestEngine([helloEtl, documentReview]);

const count = async (table: string, runId: string) => {
  const [row] = await fx.db.db.execute<{ n: number }>(
    sql.raw(`select count(*)::int as n from ${table} where run_id = '${runId}'`),
  );
  return row!.n;
};

describe('startRun', () => {
  it('commits the run, its first transition and the first step job together', async () => {
    const { run, created } = await startRun(
      fx.engine,
      { pipelineId: 'hello-etl', input: { source: 'a.csv' } },
      actor('tester'),
    );
    expect(created).toBe(true);
    expect(run).toMatchObject({
      pipelineId: 'hello-etl',
      pipelineVersion: 1,
      state: 'extracting',
      status: 'running',
      version: 1,
    });
    expect(run.input).toEqual({ source: 'a.csv', rows: 100, simulateFailures: 0, stepDelayMs: 300 });
    expect(run.activeSteps).toEqual({
      extracting: { step: 'extract', since: 1, attempt: 1, firstAttempt: 1 },
    });
    expect(await count('transitions', run.id)).toBe(1);
    const jobs = await fx.db.db.execute<{ payload: unknown; task: string }>(sql`
      select j.payload, t.identifier as task from graphile_worker._private_jobs j
      join graphile_worker._private_tasks t on t.id = j.task_id
      where j.payload->>'runId' = ${run.id}`);
    expect(jobs).toEqual([
      { task: 'signalbox.step', payload: { runId: run.id, state: 'extracting', since: 1, attempt: 1 } },
    ]);
    const [audit] = await fx.db.db.execute<{ action: string; actor: string }>(
      sql`select action, actor from audit_events where run_id = ${run.id}`,
    );
    expect(audit).toEqual({ action: 'run.start', actor: 'tester' });
  });

  it('returns field-by-field errors and writes nothing for invalid input', async () => {
    const before = await fx.db.db.execute<{ n: number }>(sql`select count(*)::int as n from runs`);
    const error = await startRun(
      fx.engine,
      { pipelineId: 'hello-etl', input: { source: '', rows: 'many' } },
      actor('tester'),
    ).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.status).toBe(400);
    const fields = error.details.fields.map((f: { path: string }) => f.path).sort();
    expect(fields).toEqual(['rows', 'source']);
    expect(JSON.stringify(error.details)).not.toContain('many');
    const after = await fx.db.db.execute<{ n: number }>(sql`select count(*)::int as n from runs`);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('rejects an unknown pipeline with a 404 naming the known ones', async () => {
    const error = await startRun(fx.engine, { pipelineId: 'nope', input: {} }, actor('tester')).catch(
      (e) => e,
    );
    expect(error).toMatchObject({ code: 'PIPELINE_NOT_FOUND', status: 404 });
    expect(error.message).toContain('hello-etl');
  });

  it('returns the existing run for a repeated idempotency key, also under concurrency', async () => {
    const request = {
      pipelineId: 'document-review',
      input: { documentId: 'D1', title: 'T' },
      idempotencyKey: 'k-1',
    };
    const results = await Promise.all([1, 2, 3, 4].map(() => startRun(fx.engine, request, actor('tester'))));
    const ids = new Set(results.map((r) => r.run.id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const again = await startRun(fx.engine, request, actor('tester'));
    expect(again).toMatchObject({ created: false, run: { id: [...ids][0] } });
    const runId = [...ids][0]!;
    expect(await count('transitions', runId)).toBe(1);
  });

  it('starts a compound machine in its initial step state', async () => {
    const { run } = await startRun(
      fx.engine,
      { pipelineId: 'document-review', input: { documentId: 'D2', title: 'T' } },
      actor('tester'),
    );
    expect(run.state).toBe('intake');
    expect(run.stateValue).toBe('intake');
  });
});
