import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateWebhookRequest } from '../../contracts/alerts';
import { getRun } from '../../db/queries/get-run';
import { selectAlertDeliveries } from '../../db/queries/select-alert-deliveries';
import { documentReview } from '../../pipelines/document-review/document-review.pipeline';
import { AlertReceiver, eventually } from '../../test-support/alert-receiver';
import { setUpTestEngine } from '../../test-support/set-up-test-engine';
import { person } from '../../test-support/test-actors';
import { hasStatus, waitForRun } from '../../test-support/test-engine';
import { blockingPipeline, flakyPipeline } from '../../test-support/test-pipelines';
import { AppError } from '../errors';
import { listProblems } from '../problems/list-problems';
import { triageProblem } from '../problems/triage-problem';
import { failRun } from '../runs/fail-run';
import { startRun } from '../runs/start-run';
import { checkRunAlerts } from './check-run-alerts';
import { verifyAlertSignature } from './sign-alert';
import { createWebhook } from './webhooks/create-webhook';
import { deleteWebhook } from './webhooks/delete-webhook';
import { listAlertDeliveries } from './webhooks/list-alert-deliveries';
import { sendTestAlert } from './webhooks/send-test-alert';
import { updateWebhook } from './webhooks/update-webhook';

/**
 * Fast retries (100 ms doubling to 400 ms), so a receiver that is down for a few attempts is caught
 * up with in about a second, and a delivery is given up after about three.
 */
const ALERTS = {
  maxAttempts: 10,
  backoff: { initialMs: 100, factor: 2, maxMs: 400, jitter: 0 },
  timeoutMs: 2_000,
  consoleUrl: 'https://signalbox.example.test',
};
const t = setUpTestEngine([flakyPipeline, blockingPipeline, documentReview], { worker: { alerts: ALERTS } });
const admin = person('admin', 'alerts-admin@example.test');
const operator = person('operator');
const receiver = new AlertReceiver();

beforeAll(async () => {
  await receiver.up();
});
afterAll(async () => {
  await receiver.down();
});

const hook = (overrides: Partial<CreateWebhookRequest>): CreateWebhookRequest => ({
  name: 'ops',
  url: receiver.url,
  format: 'generic',
  events: ['problem_opened'],
  pipelineIds: [],
  stuckAfterMinutes: 30,
  waitingAfterMinutes: 60,
  enabled: true,
  ...overrides,
});

/** A run of test-flaky that fails for good; its input and error message are known markers. */
const failFlaky = async (marker: string) => {
  const { run } = await startRun(
    t.engine,
    { pipelineId: 'test-flaky', input: { failTimes: 100, blockMs: 31_337 }, idempotencyKey: marker },
    operator,
  );
  return waitForRun(t.engine, run.id, hasStatus('failed'));
};

const deliveriesOf = async (webhookId: number) => selectAlertDeliveries(t.db.db, webhookId, 100);

describe('alerts', () => {
  let opened: { id: number; secret: string };

  it('sends "problem opened" as a signed generic JSON alert, with ids, names, counts and links only', async () => {
    const created = await createWebhook(
      t.engine,
      hook({ name: 'problems', events: ['problem_opened'] }),
      admin,
    );
    opened = { id: created.webhook.id, secret: created.secret };
    expect(created.secret).toMatch(/^whsec_/);
    expect(created.webhook.secretHint).toBe(`${created.secret.slice(0, 10)}…`);
    expect(created.webhook.urlHint).toBe(`http://127.0.0.1:${new URL(receiver.url).port}/…`);

    const run = await failFlaky('first-failure');
    const alert = await eventually(() => receiver.ofKind('problem_opened')[0], 'the problem_opened alert');
    expect(alert.headers['content-type']).toBe('application/json');
    expect(
      verifyAlertSignature(opened.secret, alert.body, alert.headers['signalbox-signature'] as string),
    ).toBe(true);
    expect(
      verifyAlertSignature('whsec_other', alert.body, alert.headers['signalbox-signature'] as string),
    ).toBe(false);
    const [problem] = (await listProblems(t.engine, operator, { status: 'open', page: 1, limit: 50 }))
      .problems;
    expect(alert.json).toMatchObject({
      kind: 'problem_opened',
      title: 'Problem opened',
      pipeline: { id: 'test-flaky', name: 'Flaky' },
      run: { id: run.id, pipelineId: 'test-flaky', pipelineVersion: 1, failedState: 'working' },
      problem: { id: problem!.id, failedState: 'working', errorName: 'Error', occurrences: 1 },
      links: {
        problem: `https://signalbox.example.test/problems/${problem!.id}`,
        run: `https://signalbox.example.test/runs/${run.id}`,
        pipeline: 'https://signalbox.example.test/pipelines/test-flaky',
      },
    });
    expect(alert.json.summary).toBe(`Problem opened #${problem!.id}: Flaky failed in working (Error)`);
    expect(alert.headers['signalbox-delivery']).toBe(String(alert.json.id));
    // Never payload content: not the run's input, not the error's message.
    expect(alert.body).not.toContain('31337');
    expect(alert.body).not.toContain('planned failure');
    expect(alert.body).not.toContain('first-failure');

    const [delivery] = await listAlertDeliveries(t.engine, opened.id, admin);
    expect(delivery).toMatchObject({
      kind: 'problem_opened',
      status: 'delivered',
      attempts: 1,
      responseCode: 200,
    });
  });

  it('alerts once per problem: a second failure of the same problem opens nothing', async () => {
    await failFlaky('second-failure');
    const [problem] = (await listProblems(t.engine, operator, { status: 'open', page: 1, limit: 50 }))
      .problems;
    expect(problem!.occurrences).toBe(2);
    expect((await deliveriesOf(opened.id)).map((d) => d.kind)).toEqual(['problem_opened']);
  });

  it('sends "problem reopened" when a resolved problem fails again', async () => {
    const reopenHook = await createWebhook(
      t.engine,
      hook({ name: 'reopen', events: ['problem_reopened'] }),
      admin,
    );
    const [problem] = (await listProblems(t.engine, operator, { status: 'open', page: 1, limit: 50 }))
      .problems;
    await triageProblem(t.engine, problem!.id, { status: 'resolved', note: 'fixed' }, operator);
    await failFlaky('after-resolve');
    const alert = await eventually(
      () => receiver.ofKind('problem_reopened')[0],
      'the problem_reopened alert',
    );
    expect(alert.json).toMatchObject({ problem: { id: problem!.id, occurrences: 3, reopenCount: 1 } });
    expect(
      verifyAlertSignature(reopenHook.secret, alert.body, alert.headers['signalbox-signature'] as string),
    ).toBe(true);
    // The webhook that only takes "opened" got nothing more.
    expect((await deliveriesOf(opened.id)).map((d) => d.kind)).toEqual(['problem_opened']);
    await deleteWebhook(t.engine, reopenHook.webhook.id, admin);
  });

  it('sends "run failed" only to webhooks whose pipeline filter takes the run, in the Slack shape when asked', async () => {
    const flaky = await createWebhook(
      t.engine,
      hook({ name: 'flaky runs', format: 'slack', events: ['run_failed'], pipelineIds: ['test-flaky'] }),
      admin,
    );
    const other = await createWebhook(
      t.engine,
      hook({ name: 'reviews', events: ['run_failed'], pipelineIds: ['document-review'] }),
      admin,
    );
    const run = await failFlaky('filtered');
    const alert = await eventually(
      () => receiver.received.find((r) => r.headers['signalbox-event'] === 'run_failed'),
      'the run_failed alert',
    );
    expect(alert.json.text).toBe(
      `Run ${run.id.slice(0, 8)} of Flaky failed in working (problem #1, 4 failures)`,
    );
    const blocks = alert.json.blocks as {
      type: string;
      text?: { text: string };
      elements?: { url?: string }[];
    }[];
    expect(blocks.map((b) => b.type)).toEqual(['section', 'actions', 'context']);
    expect(blocks[0]!.text!.text).toContain('*Run failed*');
    expect(blocks[1]!.elements!.map((e) => e.url)).toEqual([
      'https://signalbox.example.test/problems/1',
      `https://signalbox.example.test/runs/${run.id}`,
      'https://signalbox.example.test/pipelines/test-flaky',
    ]);
    expect(alert.body).not.toContain('planned failure');
    expect(await deliveriesOf(other.webhook.id)).toEqual([]);
    await deleteWebhook(t.engine, flaky.webhook.id, admin);
    await deleteWebhook(t.engine, other.webhook.id, admin);
  });

  it('alerts with the failing change only: none for a rolled-back or lost change, one when it commits', async () => {
    const created = await createWebhook(
      t.engine,
      hook({ name: 'blocking', events: ['run_failed', 'problem_opened'], pipelineIds: ['test-blocking'] }),
      admin,
    );
    const { run: started } = await startRun(
      t.engine,
      { pipelineId: 'test-blocking', input: { blockMs: 60_000 } },
      operator,
    );
    const run = await waitForRun(t.engine, started.id, hasStatus('running'));
    const error = new AppError('SNAPSHOT_INCOMPATIBLE', 'the snapshot no longer fits') as AppError & {
      code: 'SNAPSHOT_INCOMPATIBLE';
    };
    const alertJobs = async () =>
      (
        await t.db.db.execute<{ n: number }>(
          sql`select count(*)::int as n from graphile_worker._private_jobs j
              join graphile_worker._private_tasks k on k.id = j.task_id where k.identifier = 'signalbox.alert'`,
        )
      )[0]!.n;
    const jobsBefore = await alertJobs();
    // Rolled back: the run did not fail, and nothing was announced or queued.
    await expect(
      t.db.db.transaction(async (tx) => {
        expect(await failRun({ ...t.engine, db: tx }, run, error, operator)).toBe(true);
        expect(await deliveriesOf(created.webhook.id)).toHaveLength(0); // another connection: not yet visible
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await getRun(t.engine.db, run.id))!.status).toBe('running');
    expect(await deliveriesOf(created.webhook.id)).toHaveLength(0);
    expect(await alertJobs()).toBe(jobsBefore);
    // A lost compare-and-set (a stale version) writes nothing either.
    expect(await failRun(t.engine, { ...run, version: run.version + 7 }, error, operator)).toBe(false);
    expect(await deliveriesOf(created.webhook.id)).toHaveLength(0);
    // Committed: the run failed, opened its problem, and both alerts were queued with it.
    expect(await failRun(t.engine, run, error, operator)).toBe(true);
    expect((await deliveriesOf(created.webhook.id)).map((d) => d.kind).sort()).toEqual([
      'problem_opened',
      'run_failed',
    ]);
    await eventually(async () => {
      const all = await deliveriesOf(created.webhook.id);
      return all.every((d) => d.status === 'delivered') ? all : undefined;
    }, 'both deliveries');
    await deleteWebhook(t.engine, created.webhook.id, admin);
  });

  it('delivers an alert later when the receiver was down (refused, then 500) for a while', async () => {
    const created = await createWebhook(t.engine, hook({ name: 'flappy', events: ['run_failed'] }), admin);
    await receiver.down();
    await failFlaky('while-down');
    const [queued] = await deliveriesOf(created.webhook.id);
    expect(queued).toMatchObject({ kind: 'run_failed' });
    // Refused twice, then the receiver is back but answers 500 once, then 200.
    await eventually(async () => {
      const [d] = await deliveriesOf(created.webhook.id);
      return d && d.attempts >= 2 && d.status === 'pending' ? d : undefined;
    }, 'two refused attempts');
    expect((await deliveriesOf(created.webhook.id))[0]!.lastError).toBe('connection refused');
    receiver.status = 500;
    await receiver.up();
    const failed = await eventually(
      () => receiver.ofKind('run_failed').find((r) => r.answered === 500),
      'a 500',
    );
    receiver.status = 200;
    const delivered = await eventually(async () => {
      const [d] = await deliveriesOf(created.webhook.id);
      return d?.status === 'delivered' ? d : undefined;
    }, 'the delivery');
    expect(delivered.attempts).toBeGreaterThanOrEqual(4);
    expect(delivered.responseCode).toBe(200);
    const accepted = receiver.ofKind('run_failed').filter((r) => r.answered === 200);
    expect(accepted.at(-1)!.body).toBe(failed.body); // the same alert, sent again
    expect(
      verifyAlertSignature(
        created.secret,
        accepted.at(-1)!.body,
        accepted.at(-1)!.headers['signalbox-signature'] as string,
      ),
    ).toBe(true);
    await deleteWebhook(t.engine, created.webhook.id, admin);
  });

  it("gives a delivery up after the policy's attempts, recording why", async () => {
    const dead = new AlertReceiver();
    await dead.up();
    const url = dead.url;
    await dead.down();
    const created = await createWebhook(t.engine, hook({ name: 'gone', url, events: ['run_failed'] }), admin);
    await failFlaky('receiver-gone');
    const given = await eventually(async () => {
      const [d] = await deliveriesOf(created.webhook.id);
      return d?.status === 'failed' ? d : undefined;
    }, 'the delivery to be given up');
    expect(given).toMatchObject({
      attempts: ALERTS.maxAttempts,
      lastError: 'connection refused',
      responseCode: null,
    });
    await deleteWebhook(t.engine, created.webhook.id, admin);
  });

  it('alerts once for a run stuck in a running state and once for a run waiting too long', async () => {
    const created = await createWebhook(
      t.engine,
      hook({
        name: 'stalls',
        events: ['run_stuck', 'run_waiting'],
        stuckAfterMinutes: 5,
        waitingAfterMinutes: 10,
      }),
      admin,
    );
    const { run: stuck } = await startRun(
      t.engine,
      { pipelineId: 'test-blocking', input: { blockMs: 60_000 } },
      operator,
    );
    const { run: waiting } = await startRun(
      t.engine,
      {
        pipelineId: 'document-review',
        input: { documentId: 'doc-secret-77', title: 'Secret title', stepDelayMs: 0 },
      },
      operator,
    );
    await waitForRun(t.engine, stuck.id, hasStatus('running'));
    await waitForRun(t.engine, waiting.id, hasStatus('waiting'));
    // Below the thresholds: nothing.
    await t.db.db.execute(
      sql`update runs set updated_at = now() - interval '4 minutes' where id = ${stuck.id}`,
    );
    await t.db.db.execute(
      sql`update runs set updated_at = now() - interval '9 minutes' where id = ${waiting.id}`,
    );
    expect((await checkRunAlerts(t.engine)).queued).toBe(0);
    // Past them: one alert each, and none more on the next checks.
    await t.db.db.execute(
      sql`update runs set updated_at = now() - interval '6 minutes' where id = ${stuck.id}`,
    );
    await t.db.db.execute(
      sql`update runs set updated_at = now() - interval '11 minutes' where id = ${waiting.id}`,
    );
    expect((await checkRunAlerts(t.engine)).queued).toBe(2);
    expect((await checkRunAlerts(t.engine)).queued).toBe(0);
    expect((await checkRunAlerts(t.engine)).queued).toBe(0);
    const stuckAlert = await eventually(() => receiver.ofKind('run_stuck')[0], 'the run_stuck alert');
    const waitingAlert = await eventually(() => receiver.ofKind('run_waiting')[0], 'the run_waiting alert');
    expect(stuckAlert.json).toMatchObject({
      run: { id: stuck.id, pipelineId: 'test-blocking', state: 'working', status: 'running' },
      thresholdMinutes: 5,
    });
    expect(stuckAlert.json.summary).toBe(
      `Run ${stuck.id.slice(0, 8)} of Blocking is stuck in working: no transition for over 5 min`,
    );
    expect(waitingAlert.json).toMatchObject({
      run: { id: waiting.id, pipelineId: 'document-review', status: 'waiting' },
      thresholdMinutes: 10,
    });
    expect(waitingAlert.body).not.toContain('doc-secret-77');
    expect(waitingAlert.body).not.toContain('Secret title');
    expect(receiver.ofKind('run_stuck')).toHaveLength(1);
    expect(receiver.ofKind('run_waiting')).toHaveLength(1);
    await deleteWebhook(t.engine, created.webhook.id, admin);
  });

  it('sends a test alert on request, and audits every change to webhooks', async () => {
    const created = await createWebhook(
      t.engine,
      hook({ name: 'tested', events: ['no_live_worker'] }),
      admin,
    );
    const updated = await updateWebhook(
      t.engine,
      created.webhook.id,
      { ...hook({ name: 'tested again', events: ['no_live_worker', 'run_stuck'] }), url: undefined },
      admin,
    );
    expect(updated).toMatchObject({ name: 'tested again', events: ['no_live_worker', 'run_stuck'] });
    const queued = await sendTestAlert(t.engine, created.webhook.id, admin);
    expect(queued).toMatchObject({
      kind: 'test',
      status: 'pending',
      summary: 'Test alert for webhook "tested again": it reaches you',
    });
    const alert = await eventually(() => receiver.ofKind('test')[0], 'the test alert');
    expect(alert.json).toMatchObject({
      kind: 'test',
      webhook: { id: created.webhook.id, name: 'tested again' },
    });
    expect(
      verifyAlertSignature(created.secret, alert.body, alert.headers['signalbox-signature'] as string),
    ).toBe(true);
    await deleteWebhook(t.engine, created.webhook.id, admin);
    await expect(sendTestAlert(t.engine, created.webhook.id, admin)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(createWebhook(t.engine, hook({}), operator)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(createWebhook(t.engine, hook({ pipelineIds: ['nope'] }), admin)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    const audit = await t.db.db.execute<{
      action: string;
      outcome: string;
      details: Record<string, unknown> | null;
    }>(
      sql`select action, outcome, details from audit_events where target = ${`webhook:${created.webhook.id}`} order by id`,
    );
    expect(audit.map((a) => `${a.action}:${a.outcome}`)).toEqual([
      'webhook.create:accepted',
      'webhook.update:accepted',
      'webhook.test:accepted',
      'webhook.delete:accepted',
      'webhook.test:refused',
    ]);
    // The audit keeps the URL's host only, and never the secret.
    expect(JSON.stringify(audit)).not.toContain(created.secret);
    expect(JSON.stringify(audit)).not.toContain('/hook');
  });
});
