import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../core/engine';
import { startRun } from '../../core/runs/start-run';
import type { RunRecord } from '../../db/queries/run-record';
import type { IngestContext } from '../../health/ingest/ingest-machine';
import { fhirBundle } from '../../pipelines/fhir-bundle/fhir-bundle.pipeline';
import { ingestInbox } from '../../pipelines/ingest-inbox/ingest-inbox.pipeline';
import { labResultsCsv } from '../../pipelines/lab-results-csv/lab-results-csv.pipeline';
import { actor } from '../../test-support/test-actors';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import { testEngine, testWorker, waitForRun } from '../../test-support/test-engine';
import type { WorkerHandle } from '../../worker/run-worker';
import { seedHealthDemo } from './seed-health-demo';

let db: TestDatabase;
let engine: Engine;
let worker: WorkerHandle;
let inbox: string;

beforeAll(async () => {
  db = await createTestDatabase();
  engine = testEngine(db, [labResultsCsv, fhirBundle, ingestInbox]);
  worker = await testWorker(db, engine);
  inbox = mkdtempSync(join(tmpdir(), 'signalbox-demo-'));
});
afterAll(async () => {
  await worker.stop();
  await db.drop();
  rmSync(inbox, { recursive: true, force: true });
});

const settled = (run: RunRecord) => run.status !== 'running';
const summary = (run: RunRecord) => {
  const { counts } = (run.snapshot as { context: IngestContext }).context;
  return { name: (run.input as { file: { name: string } }).file.name, state: run.state, ...counts };
};

describe('the health-data demo', () => {
  it('shows every ingestion outcome, and seeding twice starts nothing new', async () => {
    expect(await seedHealthDemo(engine, actor('seed'), { inboxDir: inbox })).toBe(6);
    expect(await seedHealthDemo(engine, actor('seed'), { inboxDir: inbox })).toBe(6);
    const runs = await db.db.query.runs.findMany({ orderBy: (r, { asc }) => asc(r.createdAt) });
    expect(runs).toHaveLength(6);
    const done = await Promise.all(runs.map((r) => waitForRun(engine, r.id, settled, 30_000)));
    // The duplicate arrives through the inbox once the original has loaded.
    const poll = await startRun(
      engine,
      { pipelineId: 'ingest-inbox', input: { inboxDir: inbox } },
      actor('tester'),
    );
    await waitForRun(engine, poll.run.id);
    const duplicate = (
      await db.db.query.runs.findMany({ where: (r, { like }) => like(r.idempotencyKey, 'inbox:%') })
    )[0]!;
    const all = [...done, await waitForRun(engine, duplicate.id)].map(summary);
    expect(all).toEqual([
      {
        name: 'north-clinic-2025-03.csv',
        state: 'completed',
        received: 400,
        valid: 400,
        quarantined: 0,
        loaded: 400,
        duplicates: 0,
      },
      {
        name: 'south-clinic-2025-03.csv',
        state: 'completed',
        received: 250,
        valid: 250,
        quarantined: 0,
        loaded: 250,
        duplicates: 0,
      },
      {
        name: 'east-clinic-2025-03.csv',
        state: 'completed',
        received: 300,
        valid: 291,
        quarantined: 9,
        loaded: 291,
        duplicates: 0,
      },
      {
        name: 'west-clinic-2025-03.csv',
        state: 'awaiting_review',
        received: 150,
        valid: 120,
        quarantined: 30,
        loaded: 0,
        duplicates: 0,
      },
      {
        name: 'lab-export-broken.csv',
        state: 'failed',
        received: 0,
        valid: 0,
        quarantined: 0,
        loaded: 0,
        duplicates: 0,
      },
      expect.objectContaining({
        name: 'ehr-export-2025-03.json',
        state: 'completed',
        received: 178,
        quarantined: 3,
        valid: 175,
      }),
      {
        name: 'north-clinic-2025-03-resent.csv',
        state: 'completed',
        received: 400,
        valid: 400,
        quarantined: 0,
        loaded: 0,
        duplicates: 400,
      },
    ]);
  });
});
