import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { helloEtl } from '../../pipelines/hello-etl/hello-etl.pipeline';
import { setUpTestEngine } from '../../test-support/set-up-test-engine';
import { person } from '../../test-support/test-actors';
import { hasStatus, waitForRun } from '../../test-support/test-engine';
import { startRun } from '../runs/start-run';
import { listPipelinePauses } from './list-pipeline-pauses';
import { pausePipeline } from './pause-pipeline';
import { resumePipeline } from './resume-pipeline';

// One step at a time, so the order steps are held and released in is the order they start in.
const t = setUpTestEngine([helloEtl], { worker: { concurrency: 1 } });
const operator = person('operator', 'ops@example.test');

const start = async (stepDelayMs: number) =>
  (await startRun(t.engine, { pipelineId: 'hello-etl', input: { source: 's', stepDelayMs } }, operator)).run;

const pgIds = (runs: { id: string }[]) => `{${runs.map((r) => r.id).join(',')}}`;

const heldSteps = async () =>
  t.db.db.execute<{ run_id: string; state: string }>(sql`select run_id, state from held_steps order by id`);

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('pausing a pipeline', () => {
  it('queues new runs, lets running steps finish, holds the next ones, and resume releases them in order', async () => {
    const inFlight = await start(400);
    await waitForRun(t.engine, inFlight.id, (run) => run.state === 'extracting');
    await until(
      () => t.db.db.execute(sql`select 1 from step_attempts where run_id = ${inFlight.id}::uuid`),
      (rows) => rows.length > 0,
    );
    const pause = await pausePipeline(t.engine, 'hello-etl', { reason: 'source system down' }, operator);
    expect(pause).toMatchObject({
      pipelineId: 'hello-etl',
      pausedBy: 'ops@example.test',
      reason: 'source system down',
    });

    const queued = [await start(5), await start(5), await start(5)];
    for (const run of queued) expect(run.status).toBe('queued');

    // The extract that was running finishes; the transform that comes next is held.
    const held = await waitForRun(
      t.engine,
      inFlight.id,
      (run) => run.state === 'transforming' && run.status === 'queued',
    );
    expect(held.status).toBe('queued');
    const rows = await until(heldSteps, (r) => r.length === 4);
    expect(rows.map((r) => r.run_id)).toContain(inFlight.id);
    const attempts = await t.db.db.execute<{ state: string }>(
      sql`select state from step_attempts where run_id = any(${pgIds(queued)}::uuid[])`,
    );
    expect(attempts).toHaveLength(0);

    const [listed] = await listPipelinePauses(t.engine, person('viewer'));
    expect(listed).toMatchObject({ pipelineId: 'hello-etl', queuedRuns: 4 });

    const released = await resumePipeline(t.engine, 'hello-etl', { reason: 'source is back' }, operator);
    expect(released).toEqual({ releasedRuns: 4, releasedSteps: 4 });
    const done = await Promise.all([inFlight, ...queued].map((run) => waitForRun(t.engine, run.id)));
    expect(done.map((run) => run.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
    expect(await heldSteps()).toHaveLength(0);

    // Released in the order they were held: the queued runs' extracts started in start order.
    const starts = await t.db.db.execute<{ run_id: string }>(sql`
      select run_id from step_attempts where state = 'extracting' and run_id = any(${pgIds(queued)}::uuid[])
      order by id`);
    expect(starts.map((r) => r.run_id)).toEqual(queued.map((r) => r.id));

    const audit = await t.db.db.execute<{ action: string; actor: string; reason: string }>(sql`
      select action, actor, reason from audit_events where action like 'pipeline.%' order by id`);
    expect(audit).toEqual([
      { action: 'pipeline.pause', actor: 'ops@example.test', reason: 'source system down' },
      { action: 'pipeline.resume', actor: 'ops@example.test', reason: 'source is back' },
    ]);
  });

  it('refuses a second pause, a resume of a running pipeline, a pause without a reason, and viewers', async () => {
    await pausePipeline(t.engine, 'hello-etl', { reason: 'maintenance' }, operator);
    await expect(pausePipeline(t.engine, 'hello-etl', { reason: 'again' }, operator)).rejects.toMatchObject({
      code: 'PIPELINE_ALREADY_PAUSED',
    });
    await expect(pausePipeline(t.engine, 'hello-etl', { reason: '  ' }, operator)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(pausePipeline(t.engine, 'nope', { reason: 'x' }, operator)).rejects.toMatchObject({
      code: 'PIPELINE_NOT_FOUND',
    });
    await expect(resumePipeline(t.engine, 'hello-etl', {}, person('viewer'))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await resumePipeline(t.engine, 'hello-etl', {}, operator)).toEqual({
      releasedRuns: 0,
      releasedSteps: 0,
    });
    await expect(resumePipeline(t.engine, 'hello-etl', {}, operator)).rejects.toMatchObject({
      code: 'PIPELINE_NOT_PAUSED',
    });
    const refused = await t.db.db.execute<{ action: string }>(
      sql`select action from audit_events where outcome = 'refused' order by id`,
    );
    expect(refused.map((r) => r.action)).toEqual(['pipeline.pause', 'pipeline.resume']);
  });

  it('a queued run can be cancelled while paused', async () => {
    await pausePipeline(t.engine, 'hello-etl', { reason: 'maintenance' }, operator);
    const run = await start(5);
    expect(run.status).toBe('queued');
    const { performOperatorAction } = await import('../runs/perform-operator-action');
    const cancelled = await performOperatorAction(
      t.engine,
      { kind: 'cancel', request: { runId: run.id, reason: 'not needed' } },
      operator,
    );
    expect(cancelled.status).toBe('cancelled');
    await resumePipeline(t.engine, 'hello-etl', {}, operator);
    expect((await waitForRun(t.engine, run.id, hasStatus('cancelled'))).status).toBe('cancelled');
  });
});
