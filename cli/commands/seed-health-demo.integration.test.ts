import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRun } from '../../core/runs/start-run';
import type { RunRecord } from '../../db/queries/run-record';
import type { IngestContext } from '../../health/ingest/ingest-machine';
import { fhirBundle } from '../../pipelines/fhir-bundle/fhir-bundle.pipeline';
import { ingestInbox } from '../../pipelines/ingest-inbox/ingest-inbox.pipeline';
import { labResultsCsv } from '../../pipelines/lab-results-csv/lab-results-csv.pipeline';
import { setUpTestEngine } from '../../test-support/set-up-test-engine';
import { actor } from '../../test-support/test-actors';
import { waitForRun } from '../../test-support/test-engine';
import { seedHealthDemo } from './seed-health-demo';

let inbox: string;

const fx = setUpTestEngine([labResultsCsv, fhirBundle, ingestInbox], { worker: true });

beforeAll(async () => {
  inbox = mkdtempSync(join(tmpdir(), 'signalbox-demo-'));
});
afterAll(async () => {
  rmSync(inbox, { recursive: true, force: true });
});

const settled = (run: RunRecord) => run.status !== 'running';
const summary = (run: RunRecord) => {
  const { counts } = (run.snapshot as { context: IngestContext }).context;
  return { name: (run.input as { file: { name: string } }).file.name, state: run.state, ...counts };
};

describe('the health-data demo', () => {
  it('shows every ingestion outcome, and seeding twice starts nothing new', async () => {
    expect(await seedHealthDemo(fx.engine, actor('seed'), { inboxDir: inbox })).toBe(6);
    expect(await seedHealthDemo(fx.engine, actor('seed'), { inboxDir: inbox })).toBe(6);
    const runs = await fx.db.db.query.runs.findMany({ orderBy: (r, { asc }) => asc(r.createdAt) });
    expect(runs).toHaveLength(6);
    const done = await Promise.all(runs.map((r) => waitForRun(fx.engine, r.id, settled, 30_000)));
    // The duplicate arrives through the inbox once the original has loaded.
    const poll = await startRun(
      fx.engine,
      { pipelineId: 'ingest-inbox', input: { inboxDir: inbox } },
      actor('tester'),
    );
    await waitForRun(fx.engine, poll.run.id);
    const duplicate = (
      await fx.db.db.query.runs.findMany({ where: (r, { like }) => like(r.idempotencyKey, 'inbox:%') })
    )[0]!;
    const all = [...done, await waitForRun(fx.engine, duplicate.id)].map(summary);
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
