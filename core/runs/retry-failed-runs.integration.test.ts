import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { setUpTestEngine } from '../../test-support/set-up-test-engine';
import { actor } from '../../test-support/test-actors';
import { hasStatus, waitForRun } from '../../test-support/test-engine';
import { flakyPipeline } from '../../test-support/test-pipelines';
import { performOperatorAction } from './perform-operator-action';
import { retryFailedRuns } from './retry-failed-runs';
import { startRun } from './start-run';

const failing: string[] = [];
let succeeded: string;

const fx = setUpTestEngine([flakyPipeline], { worker: true });

beforeAll(async () => {
  // Three runs whose step fails for good (3 attempts), one that succeeds at once.
  for (let i = 0; i < 3; i++) {
    const { run } = await startRun(
      fx.engine,
      { pipelineId: 'test-flaky', input: { failTimes: 3 } },
      actor('test'),
    );
    failing.push(run.id);
  }
  succeeded = (
    await startRun(fx.engine, { pipelineId: 'test-flaky', input: { failTimes: 0 } }, actor('test'))
  ).run.id;
  await Promise.all([...failing, succeeded].map((id) => waitForRun(fx.engine, id)));
});

describe('retryFailedRuns', () => {
  it('refuses when the number of failed runs is not the one the operator confirmed', async () => {
    await expect(
      retryFailedRuns(
        fx.engine,
        { filter: { pipeline: 'test-flaky' }, expectedCount: 2, reason: 'bulk' },
        actor('ops'),
      ),
    ).rejects.toMatchObject({
      code: 'CONCURRENT_TRANSITION',
      status: 409,
      details: { expectedCount: 2, actualCount: 3 },
    });
    const [row] = await fx.db.db.execute<{ n: number }>(
      sql`select count(*)::int as n from runs where status = 'failed'`,
    );
    expect(row!.n).toBe(3);
  });

  it('retries every failed run matching the filter, each audited with the reason', async () => {
    const result = await retryFailedRuns(
      fx.engine,
      { filter: { pipeline: 'test-flaky' }, expectedCount: 3, reason: 'upstream fixed' },
      actor('ops'),
    );
    expect(result).toEqual({ matched: 3, retried: 3, refused: 0, refusals: [] });
    const runs = await Promise.all(failing.map((id) => waitForRun(fx.engine, id, hasStatus('succeeded'))));
    expect(runs.every((run) => run.status === 'succeeded')).toBe(true);
    const audit = await fx.db.db.execute<{ actor: string; reason: string }>(
      sql`select actor, reason from audit_events where action = 'run.retry' and outcome = 'accepted'`,
    );
    expect(audit).toHaveLength(3);
    expect(audit.every((row) => row.actor === 'ops' && row.reason === 'upstream fixed')).toBe(true);
  });

  it('with nothing left to retry, a confirmed count of 0 is a no-op', async () => {
    expect(await retryFailedRuns(fx.engine, { filter: {}, expectedCount: 0 }, actor('ops'))).toEqual({
      matched: 0,
      retried: 0,
      refused: 0,
      refusals: [],
    });
  });
});

describe('performOperatorAction', () => {
  it('answers a lost race with where the run is now and what is allowed', async () => {
    const error = await performOperatorAction(
      fx.engine,
      {
        kind: 'cancel',
        request: { runId: succeeded, reason: 'stale tab', expectedVersion: 1 },
      },
      actor('ops'),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'CONCURRENT_TRANSITION',
      status: 409,
      details: {
        runId: succeeded,
        expectedVersion: 1,
        state: 'done',
        status: 'succeeded',
        allowedActions: [],
      },
    });
    expect((error as Error).message).toContain("it is now in 'done'");
  });

  it('lets not-allowed and unknown-run errors through unchanged', async () => {
    await expect(
      performOperatorAction(fx.engine, { kind: 'retry', request: { runId: succeeded } }, actor('ops')),
    ).rejects.toMatchObject({
      code: 'TRANSITION_NOT_ALLOWED',
      details: { state: 'done', allowedActions: [] },
    });
    await expect(
      performOperatorAction(
        fx.engine,
        {
          kind: 'event',
          request: { runId: 'nope', type: 'approve' },
        },
        actor('ops'),
      ),
    ).rejects.toMatchObject({ code: 'RUN_NOT_FOUND', status: 404 });
  });
});
