import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLabResultsCsvPipeline } from '../../pipelines/lab-results-csv/lab-results-csv.pipeline';
import { generateLabCsv } from '../../pipelines/lab-results-csv/synthetic-lab-csv';
import { actor } from '../../test-support/test-actors';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import { hasStatus, testEngine, testWorker, waitForRun } from '../../test-support/test-engine';
import { flakyPipeline } from '../../test-support/test-pipelines';
import type { WorkerHandle } from '../../worker/run-worker';
import type { Engine } from '../engine';
import { exportQuarantineCsv } from '../ingest/export-quarantine-csv';
import { getQuarantinePage } from '../ingest/get-quarantine-page';
import { uploadIngestFile } from '../ingest/upload-ingest-file';
import { getOverview } from '../overview/get-overview';
import { getRunPage } from '../runs/get-run-page';
import { listRuns } from '../runs/list-runs';
import { performOperatorAction } from '../runs/perform-operator-action';
import { retryFailedRuns } from '../runs/retry-failed-runs';
import { parseRunListQuery } from '../runs/run-list-query';
import { startRun } from '../runs/start-run';
import type { Principal } from './actor';
import type { Role } from './roles';

let db: TestDatabase;
let engine: Engine;
let worker: WorkerHandle;
let failedRun: string;
let ingestRun: string;

const as = (role: Role): Principal => ({
  kind: 'user',
  id: `${role}-id`,
  name: `${role}@example.test`,
  role,
  ip: '198.51.100.9',
});
const viewer = as('viewer');
const operator = as('operator');

async function* chunks(text: string) {
  yield Buffer.from(text);
}

beforeAll(async () => {
  db = await createTestDatabase();
  engine = testEngine(db, [flakyPipeline, createLabResultsCsvPipeline()]);
  worker = await testWorker(db, engine);
  failedRun = (await startRun(engine, { pipelineId: 'test-flaky', input: { failTimes: 3 } }, actor('test')))
    .run.id;
  const upload = await uploadIngestFile(
    engine,
    {
      pipelineId: 'lab-results-csv',
      fileName: 'bad.csv',
      content: chunks(generateLabCsv({ seed: 7, rows: 30, badShare: 0.3 })),
      maxBytes: 1024 * 1024,
    },
    operator,
  );
  ingestRun = upload.run.id;
  await waitForRun(engine, failedRun, hasStatus('failed'));
  await waitForRun(engine, ingestRun, hasStatus('waiting'));
});
afterAll(async () => {
  await worker?.stop();
  await db?.drop();
});

describe('payload redaction in the read models', () => {
  it('gives a viewer the run without input, context or error message; an operator gets them', async () => {
    const hidden = (await getRunPage(engine, failedRun, viewer)).run;
    expect(hidden).toMatchObject({ payloadHidden: true, input: null, context: null, status: 'failed' });
    expect(hidden.diagram).toContain('stateDiagram-v2');
    expect(JSON.stringify(hidden)).not.toContain('planned failure');
    expect((hidden.error as { message?: string } | null)?.message).toBeUndefined();

    const shown = (await getRunPage(engine, failedRun, operator)).run;
    expect(shown).toMatchObject({ payloadHidden: false, input: { failTimes: 3 } });
    expect(shown.context).not.toBeNull();
  });

  it('gives a viewer attempts without logs and error messages or stacks, transitions in full', async () => {
    const hidden = (await getRunPage(engine, failedRun, viewer)).attempts;
    expect(hidden.length).toBeGreaterThan(0);
    for (const attempt of hidden) {
      expect(attempt.payloadHidden).toBe(true);
      expect(attempt.logs).toEqual([]);
      expect(attempt.error?.message).toBeUndefined();
      expect(attempt.error?.stack).toBeUndefined();
    }
    const shown = (await getRunPage(engine, failedRun, operator)).attempts;
    expect(shown.some((a) => typeof a.error?.message === 'string')).toBe(true);
    expect((await getRunPage(engine, failedRun, viewer)).transitions.length).toBeGreaterThan(1);
  });

  it('refuses quarantined raw values and the CSV export to a viewer (403), not the reasons', async () => {
    const page = await getQuarantinePage(engine, ingestRun, { page: 1, pageSize: 10, values: false }, viewer);
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((item) => !('rawValue' in item))).toBe(true);
    await expect(
      getQuarantinePage(engine, ingestRun, { page: 1, pageSize: 10, values: true }, viewer),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', status: 403 });
    await expect(exportQuarantineCsv(engine, ingestRun, viewer)).rejects.toMatchObject({ status: 403 });
    const values = await getQuarantinePage(
      engine,
      ingestRun,
      { page: 1, pageSize: 10, values: true },
      operator,
    );
    expect(values.items.every((item) => 'rawValue' in item)).toBe(true);
    await expect(exportQuarantineCsv(engine, ingestRun, operator)).resolves.toBeDefined();
  });
});

describe('payload redaction in lists', () => {
  it('shows a viewer failed runs in the runs list and the overview without their error message', async () => {
    const query = parseRunListQuery(new URLSearchParams('pipeline=test-flaky&status=failed'));
    const forViewer = (await listRuns(engine, viewer, query)).runs.find((r) => r.id === failedRun);
    const forOperator = (await listRuns(engine, operator, query)).runs.find((r) => r.id === failedRun);
    expect(forViewer).toMatchObject({ status: 'failed', errorMessage: null });
    expect(forOperator?.errorMessage).toMatch(/planned failure/);
    const overview = await getOverview(engine, viewer);
    expect(overview.recentFailures.find((r) => r.id === failedRun)).toMatchObject({ errorMessage: null });
  });
});

describe('permission checks of the mutating use-cases', () => {
  it('refuses a viewer retry, cancel, event, bulk retry and upload with 403, changing nothing', async () => {
    const before = (await getRunPage(engine, failedRun, operator)).run;
    for (const kind of ['retry', 'cancel'] as const) {
      await expect(
        performOperatorAction(engine, { kind, request: { runId: failedRun, reason: 'x' } }, viewer),
      ).rejects.toMatchObject({ code: 'FORBIDDEN', status: 403 });
    }
    await expect(
      performOperatorAction(
        engine,
        { kind: 'event', request: { runId: failedRun, type: 'approve' } },
        viewer,
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(retryFailedRuns(engine, { filter: {}, expectedCount: 1 }, viewer)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      uploadIngestFile(
        engine,
        { pipelineId: 'lab-results-csv', fileName: 'a.csv', content: chunks('x'), maxBytes: 100 },
        viewer,
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await getRunPage(engine, failedRun, operator)).run.version).toBe(before.version);
    const refused = await db.db.execute<{ action: string; actor_role: string; outcome: string }>(
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
      engine,
      { kind: 'retry', request: { runId: failedRun, reason: 'fixed upstream' } },
      operator,
    );
    expect(run.status).not.toBe('failed');
    const [row] = await db.db.execute<{ actor: string; actor_role: string; ip: string; outcome: string }>(
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
