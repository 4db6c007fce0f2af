import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../core/engine';
import { createLabResultsCsvPipeline } from '../../pipelines/lab-results-csv/lab-results-csv.pipeline';
import { generateLabCsv } from '../../pipelines/lab-results-csv/synthetic-lab-csv';
import { person } from '../../test-support/test-actors';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import { hasStatus, testEngine, testWorker, waitForRun } from '../../test-support/test-engine';
import type { WorkerHandle } from '../../worker/run-worker';
import { exportQuarantineCsv } from './export-quarantine-csv';
import { getQuarantinePage } from './get-quarantine-page';
import { uploadIngestFile } from './upload-ingest-file';

let db: TestDatabase;
let engine: Engine;
let worker: WorkerHandle;
let ingestRun: string;

const viewer = person('viewer');
const operator = person('operator');

async function* bytes(text: string) {
  yield Buffer.from(text);
}

beforeAll(async () => {
  db = await createTestDatabase();
  engine = testEngine(db, [createLabResultsCsvPipeline()]);
  worker = await testWorker(db, engine);
  const csv = generateLabCsv({ seed: 7, rows: 30, badShare: 0.3 });
  const upload = await uploadIngestFile(
    engine,
    { pipelineId: 'lab-results-csv', fileName: 'bad.csv', content: bytes(csv), maxBytes: 1024 * 1024 },
    operator,
  );
  ingestRun = upload.run.id;
  await waitForRun(engine, ingestRun, hasStatus('waiting'));
});
afterAll(async () => {
  await worker?.stop();
  await db?.drop();
});

describe('payload redaction in the ingestion read models', () => {
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

describe('permission checks of the upload', () => {
  it('refuses a viewer upload with 403, storing nothing', async () => {
    const storedFiles = async () =>
      (await db.db.execute<{ n: number }>(sql`select count(*)::int as n from ingest_files`))[0]!.n;
    const before = await storedFiles();
    await expect(
      uploadIngestFile(
        engine,
        { pipelineId: 'lab-results-csv', fileName: 'a.csv', content: bytes('x'), maxBytes: 100 },
        viewer,
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await storedFiles()).toBe(before);
  });
});
