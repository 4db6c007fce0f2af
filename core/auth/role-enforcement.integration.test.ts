import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { setUpTestEngine } from '../../test-support/set-up-test-engine';
import { actor } from '../../test-support/test-actors';
import { hasStatus, waitForRun } from '../../test-support/test-engine';
import { flakyPipeline } from '../../test-support/test-pipelines';
import { getOverview } from '../overview/get-overview';
import { getRunPage } from '../runs/get-run-page';
import { listRuns } from '../runs/list-runs';
import { performOperatorAction } from '../runs/perform-operator-action';
import { retryFailedRuns } from '../runs/retry-failed-runs';
import { parseRunListQuery } from '../runs/run-list-query';
import { startRun } from '../runs/start-run';
import type { Principal } from './actor';
import type { Role } from './roles';

let failedRun: string;

const as = (role: Role): Principal => ({
  kind: 'user',
  id: `${role}-id`,
  name: `${role}@example.test`,
  role,
  ip: '198.51.100.9',
});
const viewer = as('viewer');
const operator = as('operator');

const fx = setUpTestEngine([flakyPipeline], { worker: true });

beforeAll(async () => {
  failedRun = (
    await startRun(fx.engine, { pipelineId: 'test-flaky', input: { failTimes: 3 } }, actor('test'))
  ).run.id;
  await waitForRun(fx.engine, failedRun, hasStatus('failed'));
});

describe('payload redaction in the read models', () => {
  it('gives a viewer the run without input, context or error message; an operator gets them', async () => {
    const hidden = (await getRunPage(fx.engine, failedRun, viewer)).run;
    expect(hidden).toMatchObject({ payloadHidden: true, input: null, context: null, status: 'failed' });
    expect(hidden.diagram).toContain('stateDiagram-v2');
    expect(JSON.stringify(hidden)).not.toContain('planned failure');
    expect((hidden.error as { message?: string } | null)?.message).toBeUndefined();

    const shown = (await getRunPage(fx.engine, failedRun, operator)).run;
    expect(shown).toMatchObject({ payloadHidden: false, input: { failTimes: 3 } });
    expect(shown.context).not.toBeNull();
  });

  it('gives a viewer attempts without logs and error messages or stacks, transitions in full', async () => {
    const hidden = (await getRunPage(fx.engine, failedRun, viewer)).attempts;
    expect(hidden.length).toBeGreaterThan(0);
    for (const attempt of hidden) {
      expect(attempt.payloadHidden).toBe(true);
      expect(attempt.logs).toEqual([]);
      expect(attempt.error?.message).toBeUndefined();
      expect(attempt.error?.stack).toBeUndefined();
    }
    const shown = (await getRunPage(fx.engine, failedRun, operator)).attempts;
    expect(shown.some((a) => typeof a.error?.message === 'string')).toBe(true);
    expect((await getRunPage(fx.engine, failedRun, viewer)).transitions.length).toBeGreaterThan(1);
  });
});

describe('payload redaction in lists', () => {
  it('shows a viewer failed runs in the runs list and the overview without their error message', async () => {
    const query = parseRunListQuery(new URLSearchParams('pipeline=test-flaky&status=failed'));
    const forViewer = (await listRuns(fx.engine, viewer, query)).runs.find((r) => r.id === failedRun);
    const forOperator = (await listRuns(fx.engine, operator, query)).runs.find((r) => r.id === failedRun);
    expect(forViewer).toMatchObject({ status: 'failed', errorMessage: null });
    expect(forOperator?.errorMessage).toMatch(/planned failure/);
    const overview = await getOverview(fx.engine, viewer);
    expect(overview.recentFailures.find((r) => r.id === failedRun)).toMatchObject({ errorMessage: null });
  });
});

describe('permission checks of the mutating use-cases', () => {
  it('refuses a viewer retry, cancel, event and bulk retry with 403, changing nothing', async () => {
    const before = (await getRunPage(fx.engine, failedRun, operator)).run;
    for (const kind of ['retry', 'cancel'] as const) {
      await expect(
        performOperatorAction(fx.engine, { kind, request: { runId: failedRun, reason: 'x' } }, viewer),
      ).rejects.toMatchObject({ code: 'FORBIDDEN', status: 403 });
    }
    await expect(
      performOperatorAction(
        fx.engine,
        { kind: 'event', request: { runId: failedRun, type: 'approve' } },
        viewer,
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(retryFailedRuns(fx.engine, { filter: {}, expectedCount: 1 }, viewer)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect((await getRunPage(fx.engine, failedRun, operator)).run.version).toBe(before.version);
    const refused = await fx.db.db.execute<{ action: string; actor_role: string; outcome: string }>(
      sql`select action, actor_role, outcome from audit_events where actor = ${viewer.name} order by id`,
    );
    expect(refused.map((r) => [r.action, r.actor_role, r.outcome])).toEqual([
      ['run.retry', 'viewer', 'refused'],
      ['run.cancel', 'viewer', 'refused'],
      ['run.event', 'viewer', 'refused'],
    ]);
  });

  it('lets an operator retry, and records who, their role and address in the audit trail', async () => {
    const run = await performOperatorAction(
      fx.engine,
      { kind: 'retry', request: { runId: failedRun, reason: 'fixed upstream' } },
      operator,
    );
    expect(run.status).not.toBe('failed');
    const [row] = await fx.db.db.execute<{ actor: string; actor_role: string; ip: string; outcome: string }>(
      sql`select actor, actor_role, ip, outcome from audit_events where run_id = ${failedRun} and action = 'run.retry'`,
    );
    expect(row).toEqual({
      actor: 'operator@example.test',
      actor_role: 'operator',
      ip: '198.51.100.9',
      outcome: 'accepted',
    });
  });
});
