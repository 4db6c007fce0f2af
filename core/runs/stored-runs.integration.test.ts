import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { setup } from 'xstate';
import { getRun } from '../../db/queries/get-run';
import { allPipelines } from '../../pipelines/all-pipelines';
import { helloEtl } from '../../pipelines/hello-etl/hello-etl.pipeline';
import { databaseWithStoredRuns, storedRunsFixtures } from '../../test-support/stored-runs';
import { actor } from '../../test-support/test-actors';
import type { TestDatabase } from '../../test-support/test-database';
import { testEngine } from '../../test-support/test-engine';
import { definePipeline } from '../definition/define-pipeline';
import { AppError } from '../errors';
import { allowedEvents, restore } from '../machine/machine-snapshot';
import { ActiveAttempts } from './active-attempts';
import { performOperatorAction } from './perform-operator-action';
import { runStep } from './run-step';
import { RunningSteps } from './running-steps';

const fixtures = storedRunsFixtures();
const opened: TestDatabase[] = [];
afterAll(() => Promise.all(opened.map((db) => db.drop())));

const open = async (fixture: (typeof fixtures)[number]) => {
  const db = await databaseWithStoredRuns(fixture);
  opened.push(db);
  return db;
};
const ids = async (db: TestDatabase, where: ReturnType<typeof sql>) =>
  (await db.db.execute<{ id: string }>(sql`select id from runs where ${where} order by id`)).map((r) => r.id);

describe.each(fixtures)('runs stored by $label ($commit)', (fixture) => {
  it('restore after the upgrade, and go on: failed runs retry from their retry point, waiting runs take their events, live runs cancel', async () => {
    const db = await open(fixture);
    const engine = testEngine(db, allPipelines);
    const operator = actor('operator@example.test');
    expect(fixture.runs.length).toBeGreaterThan(0);
    for (const stored of fixture.runs) {
      const run = (await getRun(engine.db, stored.id as string))!;
      const pipeline = engine.registry.get(run.pipelineId, run.pipelineVersion);
      const snapshot = restore(pipeline, run.snapshot, run.id);
      // Restored: it fits its definition (or `restore` would have thrown SNAPSHOT_INCOMPATIBLE).
      switch (run.status) {
        case 'failed': {
          // An error stored before migration 0004 kept its retry point as `fromValue`.
          const old = stored.error as { fromValue?: unknown } | null;
          if (old && 'fromValue' in old) expect(run.retryFrom).toEqual(old.fromValue);
          expect(run.error).toMatchObject({ kind: expect.any(String), message: expect.any(String) });
          const retried = await performOperatorAction(
            engine,
            { kind: 'retry', request: { runId: run.id } },
            operator,
          );
          expect(retried).toMatchObject({ status: 'running', version: run.version + 1 });
          break;
        }
        case 'waiting': {
          const [event] = allowedEvents(snapshot);
          expect(event).toBeDefined();
          const moved = await performOperatorAction(
            engine,
            { kind: 'event', request: { runId: run.id, type: event! } },
            operator,
          );
          expect(moved.version).toBe(run.version + 1);
          break;
        }
        case 'running': {
          const cancelled = await performOperatorAction(
            engine,
            { kind: 'cancel', request: { runId: run.id } },
            operator,
          );
          expect(cancelled.status).toBe('cancelled');
          break;
        }
        case 'succeeded':
        case 'cancelled':
          await expect(
            performOperatorAction(engine, { kind: 'retry', request: { runId: run.id } }, operator),
          ).rejects.toMatchObject({ code: 'TRANSITION_NOT_ALLOWED' });
          break;
      }
    }
    // Every retried, moved or cancelled run has its history row and its audit row.
    const [audit] = await db.db.execute<{ n: number }>(
      sql`select count(*)::int as n from audit_events where outcome = 'accepted'`,
    );
    const acted = fixture.runs.filter((r) => ['failed', 'waiting', 'running'].includes(r.status as string));
    expect(audit!.n).toBe(acted.length);
  });

  it('fail loudly with SNAPSHOT_INCOMPATIBLE when their definition no longer fits', async () => {
    const db = await open(fixture);
    // hello-etl v1 as if its first state had been renamed after these runs were stored.
    const renamed = definePipeline({
      id: helloEtl.id,
      version: helloEtl.version,
      title: helloEtl.title,
      description: helloEtl.description,
      input: helloEtl.input,
      machine: setup({}).createMachine({
        id: 'hello-etl',
        initial: 'reading',
        states: {
          reading: {
            meta: { step: 'extract' },
            on: { 'step.extract.done': 'done', 'step.extract.failed': 'failed' },
          },
          done: { type: 'final' },
          failed: { type: 'final', tags: ['failed'] },
        },
      }),
      steps: { extract: { run: async () => null } },
    });
    const engine = testEngine(db, [renamed, ...allPipelines.filter((p) => p.id !== 'hello-etl')]);
    const [live] = await ids(db, sql`pipeline_id = 'hello-etl' and status = 'running'`);
    expect(live).toBeDefined();
    const before = (await getRun(engine.db, live!))!;
    const refusal = await performOperatorAction(
      engine,
      { kind: 'cancel', request: { runId: live! } },
      actor('operator@example.test'),
    ).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({ code: 'SNAPSHOT_INCOMPATIBLE', status: 422 });
    expect((await getRun(engine.db, live!))!.version).toBe(before.version);

    // Its step job, when it runs, fails the run with the reason kept, instead of crashing the worker.
    const [state, instance] = Object.entries(before.activeSteps)[0]!;
    const result = await runStep(
      engine,
      { runId: live!, state, since: instance.since, attempt: instance.attempt },
      {
        workerId: 'stored-runs-test',
        running: new RunningSteps(),
        attempts: new ActiveAttempts(),
        actor: actor('worker'),
      },
    );
    expect(result).toBe('run-failed');
    const failed = (await getRun(engine.db, live!))!;
    expect(failed).toMatchObject({
      status: 'failed',
      error: { kind: 'definition', code: 'SNAPSHOT_INCOMPATIBLE' },
    });
  });
});
