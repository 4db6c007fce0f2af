import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../core/engine';
import { countRunObservations } from '../../db/queries/count-run-observations';
import { listAttempts } from '../../db/queries/list-attempts';
import { listTransitions } from '../../db/queries/list-transitions';
import type { RunRecord } from '../../db/queries/run-record';
import { getIngestSummary } from '../../health/ingest/get-ingest-summary';
import type { IngestContext } from '../../health/ingest/ingest-machine';
import { listRunQuarantine } from '../../health/ingest/list-run-quarantine';
import { submitIngestFile } from '../../health/ingest/submit-ingest-file';
import { sendEvent } from '../../test-support/operator-commands';
import { actor } from '../../test-support/test-actors';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import { hasStatus, testEngine, testWorker, waitForRun } from '../../test-support/test-engine';
import type { WorkerHandle } from '../../worker/run-worker';
import { createLabResultsCsvPipeline } from './lab-results-csv.pipeline';
import { generateLabCsv } from './synthetic-lab-csv';

let db: TestDatabase;
let engine: Engine;
let worker: WorkerHandle;
/** Load attempts that crashed on purpose, per run. */
const crashes = new Map<string, number>();

beforeAll(async () => {
  db = await createTestDatabase();
  // Small batches so a few hundred rows take several; the load crashes once after its second batch
  // for files named crash-*.csv (the hook sees the attempt, the test names the file).
  const pipeline = createLabResultsCsvPipeline({
    batchSize: 50,
    loadBackoff: { initialMs: 50, maxMs: 100 },
    afterLoadBatch: async (batch, attempt) => {
      if (crashNext && attempt === 1 && batch === 2) {
        crashes.set('last', (crashes.get('last') ?? 0) + 1);
        throw new Error('simulated crash after a committed batch');
      }
    },
  });
  engine = testEngine(db, [pipeline]);
  worker = await testWorker(db, engine);
});
afterAll(async () => {
  await worker.stop();
  await db.drop();
});

let crashNext = false;

async function* bytes(text: string) {
  yield Buffer.from(text);
}

const submit = async (text: string, fileName: string, idempotencyKey?: string) =>
  (
    await submitIngestFile(
      engine,
      { pipelineId: 'lab-results-csv', fileName, content: bytes(text), idempotencyKey },
      actor('tester'),
    )
  ).run;

const context = (run: RunRecord) => (run.snapshot as { context: IngestContext }).context;
const totalObservations = async () =>
  (await db.db.execute<{ n: number }>(sql`select count(*)::int as n from observations`))[0]!.n;

describe('lab-results-csv: whole runs against PostgreSQL and a real worker', () => {
  it('loads a clean file through every state, converting units', async () => {
    const run = await submit(generateLabCsv({ seed: 1, rows: 300 }), 'clean.csv');
    const done = await waitForRun(engine, run.id);
    expect(done).toMatchObject({ status: 'succeeded', state: 'completed' });
    const states = (await listTransitions(engine.db, run.id)).map((t) => t.toState);
    expect(states).toEqual([
      'received',
      'parsing',
      'validating',
      'normalizing',
      'deduplicating',
      'loading',
      'completed',
    ]);
    expect(context(done).counts).toEqual({
      received: 300,
      valid: 300,
      quarantined: 0,
      loaded: 300,
      duplicates: 0,
    });
    expect(context(done).converted).toBeGreaterThan(30);
    expect(await countRunObservations(engine.db, run.id)).toBe(300);
    const units = await db.db.execute<{ loinc_code: string; units: number }>(
      sql`select loinc_code, count(distinct unit)::int as units from observations group by loinc_code`,
    );
    expect(units.every((u) => u.units === 1)).toBe(true);
  });

  it('loads nothing twice: the same file again counts every row as a duplicate', async () => {
    const text = generateLabCsv({ seed: 2, rows: 120 });
    const first = await waitForRun(engine, (await submit(text, 'a.csv')).id);
    expect(context(first).counts.loaded).toBe(120);
    const before = await totalObservations();
    const again = await waitForRun(engine, (await submit(text, 'a-resent.csv')).id);
    expect(again.status).toBe('succeeded');
    expect(context(again).counts).toEqual({
      received: 120,
      valid: 120,
      quarantined: 0,
      loaded: 0,
      duplicates: 120,
    });
    expect(await totalObservations()).toBe(before);
    expect((await getIngestSummary(engine, again.id, actor('tester'))).counts.duplicates).toBe(120);
  });

  it('returns the first run for a repeated idempotency key without storing the file again', async () => {
    const text = generateLabCsv({ seed: 3, rows: 10 });
    const first = await submit(text, 'k.csv', 'upload-42');
    const second = await submitIngestFile(
      engine,
      { pipelineId: 'lab-results-csv', fileName: 'k.csv', content: bytes(text), idempotencyKey: 'upload-42' },
      actor('tester'),
    );
    expect(second).toMatchObject({ created: false, run: { id: first.id } });
    await waitForRun(engine, first.id);
  });

  it('finishes a load that crashed after a committed batch, with no duplicates', async () => {
    crashNext = true;
    const run = await submit(generateLabCsv({ seed: 4, rows: 180 }), 'crash.csv');
    const done = await waitForRun(engine, run.id);
    crashNext = false;
    expect(done.status).toBe('succeeded');
    expect(crashes.get('last')).toBe(1);
    const loads = (await listAttempts(engine.db, run.id)).filter((a) => a.state === 'loading');
    expect(loads.map((a) => a.outcome)).toEqual(['failed', 'succeeded']);
    expect((loads[0]!.error as { message: string }).message).toBe('simulated crash after a committed batch');
    expect(context(done).counts).toEqual({
      received: 180,
      valid: 180,
      quarantined: 0,
      loaded: 180,
      duplicates: 0,
    });
    expect(await countRunObservations(engine.db, run.id)).toBe(180);
    const [dupes] = await db.db.execute<{ n: number }>(sql`
      select count(*)::int as n from (
        select 1 from observations group by patient_id, loinc_code, effective_at having count(*) > 1) d`);
    expect(dupes!.n).toBe(0);
  });

  it('quarantines bad rows under the threshold and loads the rest', async () => {
    // Exactly at the threshold (5 %) is not above it.
    const run = await submit(generateLabCsv({ seed: 5, rows: 200, badShare: 0.05 }), 'some-bad.csv');
    const done = await waitForRun(engine, run.id);
    expect(done).toMatchObject({ status: 'succeeded', state: 'completed' });
    expect(context(done).counts).toEqual({
      received: 200,
      valid: 190,
      quarantined: 10,
      loaded: 190,
      duplicates: 0,
    });
    expect(context(done).quarantinedShare).toBe(0.05);
    const page = await listRunQuarantine(engine, { runId: run.id, pageSize: 5 });
    expect(page).toMatchObject({ total: 10, records: 10, pageCount: 2, page: 1 });
    expect(page.items[0]).toMatchObject({ recordNumber: 20, field: 'loinc_code', stage: 'validating' });
    expect(page.items.every((i) => i.line === i.recordNumber + 1)).toBe(true);
    const second = await listRunQuarantine(engine, { runId: run.id, page: 2, pageSize: 5 });
    expect(second.items.map((i) => i.recordNumber)).toEqual([120, 140, 160, 180, 200]);
    expect(second.items.at(-1)).toMatchObject({
      field: '(row)',
      stage: 'parsing',
      reason: 'expected 6 fields, found 7',
    });
  });

  it('waits for review above the threshold; approve loads the valid rows', async () => {
    const run = await submit(generateLabCsv({ seed: 6, rows: 100, badShare: 0.2 }), 'many-bad.csv');
    const waiting = await waitForRun(engine, run.id, hasStatus('waiting'));
    expect(waiting.state).toBe('awaiting_review');
    expect(context(waiting)).toMatchObject({ quarantinedShare: 0.2, reviewThreshold: 0.05 });
    expect(await countRunObservations(engine.db, run.id)).toBe(0);
    await sendEvent(engine, {
      runId: run.id,
      actor: 'ops@example.test',
      type: 'approve',
      payload: { comment: 'known lab issue' },
    });
    const done = await waitForRun(engine, run.id);
    expect(done).toMatchObject({ status: 'succeeded', state: 'completed' });
    expect(context(done).review).toEqual({ decision: 'approved', comment: 'known lab issue' });
    expect(context(done).counts).toMatchObject({ received: 100, quarantined: 20, loaded: 80 });
  });

  it('waits for review above the threshold; reject ends the run rejected with nothing loaded', async () => {
    const run = await submit(generateLabCsv({ seed: 7, rows: 50, badShare: 0.5 }), 'mostly-bad.csv');
    await waitForRun(engine, run.id, hasStatus('waiting'));
    await sendEvent(engine, { runId: run.id, actor: 'ops@example.test', type: 'reject' });
    const done = await waitForRun(engine, run.id);
    expect(done).toMatchObject({ status: 'cancelled', state: 'rejected' });
    expect(done.finishedAt).toBeInstanceOf(Date);
    expect(await countRunObservations(engine.db, run.id)).toBe(0);
  });

  it('fails a malformed file in parsing with a message that quotes nothing from it', async () => {
    const text =
      'patient_id,loinc_code,value,unit,effective_at\nP-000001,2345-7,"99,mg/dL,2025-01-01T00:00:00Z\n';
    const run = await submit(text, 'broken.csv');
    const failed = await waitForRun(engine, run.id);
    expect(failed).toMatchObject({ status: 'failed', state: 'failed', failedState: 'parsing' });
    const message = (failed.error as { message: string }).message;
    expect(message).toMatch(/^malformed CSV near line \d+: a quoted field is never closed$/);
    expect(message).not.toContain('P-000001');
    const noHeader = await waitForRun(
      engine,
      (await submit('P-000001;2345-7;99;mg/dL\n', 'semicolons.csv')).id,
    );
    expect((noHeader.error as { message: string }).message).toContain('header lacks required columns');
    expect((noHeader.error as { message: string }).message).not.toContain('P-000001');
  });

  it('quarantines a row that conflicts with a loaded result instead of overwriting it', async () => {
    const text = generateLabCsv({ seed: 8, rows: 20 });
    await waitForRun(engine, (await submit(text, 'original.csv')).id);
    const lines = text.split('\n');
    const fields = lines[1]!.split(',');
    fields[3] = String(Number(fields[3]) + 1);
    lines[1] = fields.join(',');
    const run = await waitForRun(engine, (await submit(lines.join('\n'), 'corrected.csv')).id);
    expect(context(run).counts).toEqual({
      received: 20,
      valid: 19,
      quarantined: 1,
      loaded: 0,
      duplicates: 19,
    });
    const { items } = await listRunQuarantine(engine, { runId: run.id });
    expect(items).toEqual([
      expect.objectContaining({
        recordNumber: 1,
        field: 'value',
        stage: 'deduplicating',
        reason: expect.stringContaining('conflicts'),
      }),
    ]);
  });
});
