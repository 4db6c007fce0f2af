import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { setUpTestEngine } from '../../test-support/set-up-test-engine';
import { person } from '../../test-support/test-actors';
import { hasStatus, waitForRun } from '../../test-support/test-engine';
import { flakyPipeline } from '../../test-support/test-pipelines';
import { startRun } from '../runs/start-run';
import { getProblem } from './get-problem';
import { listProblems } from './list-problems';
import { retryProblemRuns } from './retry-problem-runs';
import { triageProblem } from './triage-problem';

const t = setUpTestEngine([flakyPipeline], { worker: true });
const operator = person('operator', 'ops@example.test');
const viewer = person('viewer');
const open = { status: 'open', page: 1, limit: 50 } as const;

const failRuns = async (count: number) => {
  const runs = await Promise.all(
    Array.from(
      { length: count },
      async () =>
        (await startRun(t.engine, { pipelineId: 'test-flaky', input: { failTimes: 100 } }, operator)).run,
    ),
  );
  return Promise.all(runs.map((run) => waitForRun(t.engine, run.id, hasStatus('failed'))));
};

describe('the failure inbox', () => {
  it('groups failed runs into one problem per pipeline, state and normalized error', async () => {
    const failed = await failRuns(3);
    const { problems, openCount } = await listProblems(t.engine, operator, open);
    expect(openCount).toBe(1);
    expect(problems).toHaveLength(1);
    const [problem] = problems;
    expect(problem).toMatchObject({
      pipelineId: 'test-flaky',
      pipelineTitle: 'Flaky',
      failedState: 'working',
      errorName: 'Error',
      signature: 'Error: planned failure <n>',
      status: 'new',
      occurrences: 3,
      failedRuns: 3,
      versions: [1],
      reopenedAt: null,
    });
    expect(problem!.sampleMessage).toMatch(/^planned failure \d+$/);
    expect(problem!.sparkline).toHaveLength(24);
    expect(problem!.sparkline.at(-1)).toBe(3);

    const view = await getProblem(t.engine, problem!.id, operator);
    expect(view.sampleRuns.map((r) => r.id).sort()).toEqual(failed.map((r) => r.id).sort());
    expect(view.diagram).toContain('class working failed');

    const seen = await getProblem(t.engine, problem!.id, viewer);
    expect(seen).toMatchObject({ signature: null, sampleMessage: null, triageNote: null });
    expect(seen.sampleRuns.every((r) => r.errorMessage === null)).toBe(true);
  });

  it('is triaged with who, when and a note; a new failure reopens a resolved problem', async () => {
    const [problem] = (await listProblems(t.engine, operator, open)).problems;
    const id = problem!.id;
    const acked = await triageProblem(t.engine, id, { status: 'acknowledged', note: 'looking' }, operator);
    expect(acked).toMatchObject({
      status: 'acknowledged',
      triagedBy: 'ops@example.test',
      triageNote: 'looking',
    });
    await expect(triageProblem(t.engine, id, { status: 'acknowledged' }, operator)).rejects.toMatchObject({
      code: 'TRANSITION_NOT_ALLOWED',
    });
    await expect(triageProblem(t.engine, id, { status: 'resolved' }, viewer)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const resolved = await triageProblem(
      t.engine,
      id,
      { status: 'resolved', note: 'fixed upstream' },
      operator,
    );
    expect(resolved.status).toBe('resolved');
    expect((await listProblems(t.engine, operator, open)).openCount).toBe(0);

    await failRuns(1);
    const reopened = await getProblem(t.engine, id, operator);
    expect(reopened).toMatchObject({ status: 'new', reopenCount: 1, occurrences: 4, failedRuns: 4 });
    expect(reopened.reopenedAt).not.toBeNull();

    const audit = await t.db.db.execute<{ action: string; outcome: string; reason: string | null }>(
      sql`select action, outcome, reason from audit_events where action = 'problem.triage' order by id`,
    );
    expect(audit).toEqual([
      { action: 'problem.triage', outcome: 'accepted', reason: 'looking' },
      { action: 'problem.triage', outcome: 'refused', reason: null },
      { action: 'problem.triage', outcome: 'accepted', reason: 'fixed upstream' },
    ]);
  });

  it("retries a problem's failed runs in bulk, after the operator confirmed their number", async () => {
    const [problem] = (await listProblems(t.engine, operator, open)).problems;
    await expect(
      retryProblemRuns(t.engine, problem!.id, { expectedCount: 2 }, operator),
    ).rejects.toMatchObject({ code: 'CONCURRENT_TRANSITION' });
    const result = await retryProblemRuns(
      t.engine,
      problem!.id,
      { expectedCount: 4, reason: 'retry all' },
      operator,
    );
    expect(result).toMatchObject({ matched: 4, retried: 4, refused: 0 });
    const retries = await t.db.db.execute<{ n: number }>(
      sql`select count(*)::int as n from audit_events where action = 'run.retry' and reason = 'retry all'`,
    );
    expect(retries[0]!.n).toBe(4);
    // They fail again (failTimes 100): every failure is counted, none lost.
    const deadline = Date.now() + 20_000;
    for (;;) {
      const view = await getProblem(t.engine, problem!.id, operator);
      if (view.occurrences === 8 && view.failedRuns === 4) break;
      if (Date.now() > deadline)
        throw new Error(`occurrences ${view.occurrences}, failed ${view.failedRuns}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const [failures] = await t.db.db.execute<{ n: number }>(
      sql`select count(*)::int as n from transitions where to_state = 'failed'`,
    );
    expect(failures!.n).toBe(8);
  });
});
