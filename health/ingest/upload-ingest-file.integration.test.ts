import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { AppError } from '../../core/errors';
import { startRun } from '../../core/runs/start-run';
import { createFhirBundlePipeline } from '../../pipelines/fhir-bundle/fhir-bundle.pipeline';
import { helloEtl } from '../../pipelines/hello-etl/hello-etl.pipeline';
import { ingestInbox } from '../../pipelines/ingest-inbox/ingest-inbox.pipeline';
import { createLabResultsCsvPipeline } from '../../pipelines/lab-results-csv/lab-results-csv.pipeline';
import { generateLabCsv } from '../../pipelines/lab-results-csv/synthetic-lab-csv';
import { setUpTestEngine } from '../../test-support/set-up-test-engine';
import { actor, person } from '../../test-support/test-actors';
import { hasStatus, waitForRun } from '../../test-support/test-engine';
import { exportQuarantineCsv } from './export-quarantine-csv';
import { getQuarantinePage } from './get-quarantine-page';
import { uploadIngestFile, uploadKey } from './upload-ingest-file';

const fx = setUpTestEngine(
  [createLabResultsCsvPipeline(), createFhirBundlePipeline(), helloEtl, ingestInbox],
  {
    worker: true,
  },
);

/** The body of an upload, recording whether anything read it. */
function body(text: string) {
  const read = { started: false };
  async function* chunks() {
    read.started = true;
    const bytes = Buffer.from(text);
    // Several chunks, as a request body arrives.
    for (let offset = 0; offset < bytes.length; offset += 1000) yield bytes.subarray(offset, offset + 1000);
  }
  return { content: chunks(), read };
}

const MAX = 1024 * 1024;
const storedFiles = async () =>
  (await fx.db.db.execute<{ n: number }>(sql`select count(*)::int as n from ingest_files`))[0]!.n;

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: unknown) => error as AppError,
  );

describe('accepts.files', () => {
  it('is true for the ingestion pipelines only', () => {
    expect(fx.engine.registry.list().map((p) => [p.id, p.accepts.files])).toEqual([
      ['fhir-bundle', true],
      ['hello-etl', false],
      ['ingest-inbox', false],
      ['lab-results-csv', true],
    ]);
  });
});

describe('uploadIngestFile', () => {
  it('starts a run keyed by the content; the same bytes again return that run', async () => {
    const text = generateLabCsv({ seed: 51, rows: 40 });
    const first = await uploadIngestFile(
      fx.engine,
      { pipelineId: 'lab-results-csv', fileName: 'clinic.csv', ...body(text), maxBytes: MAX },
      actor('ops@example.test'),
    );
    expect(first.created).toBe(true);
    expect(first.run.idempotencyKey).toBe(uploadKey(first.file.sha256));
    expect(first.run.input).toMatchObject({ file: { name: 'clinic.csv', bytes: Buffer.byteLength(text) } });

    const again = await uploadIngestFile(
      fx.engine,
      { pipelineId: 'lab-results-csv', fileName: 'clinic-renamed.csv', ...body(text), maxBytes: MAX },
      actor('ops@example.test'),
    );
    expect(again).toMatchObject({ created: false, run: { id: first.run.id } });

    // An explicit key is the operator's choice: the same bytes under a new key start a new run.
    const forced = await uploadIngestFile(
      fx.engine,
      {
        pipelineId: 'lab-results-csv',
        fileName: 'clinic.csv',
        ...body(text),
        idempotencyKey: 'reload-1',
        maxBytes: MAX,
      },
      actor('ops@example.test'),
    );
    expect(forced.created).toBe(true);
    expect(forced.run.id).not.toBe(first.run.id);
    expect(forced.file.id).toBe(first.file.id);
    await waitForRun(fx.engine, first.run.id);
    await waitForRun(fx.engine, forced.run.id);
  });

  it('refuses a pipeline that takes no files before reading a byte', async () => {
    const upload = body('anything');
    const error = await refusal(
      uploadIngestFile(
        fx.engine,
        { pipelineId: 'hello-etl', fileName: 'a.csv', ...upload, maxBytes: MAX },
        actor('ops@example.test'),
      ),
    );
    expect(error).toMatchObject({ code: 'NOT_FOUND', status: 404 });
    expect(error.message).toBe(
      "pipeline 'hello-etl' does not take files; pipelines that do: fhir-bundle, lab-results-csv",
    );
    expect(upload.read.started).toBe(false);
    expect(
      await refusal(
        uploadIngestFile(
          fx.engine,
          { pipelineId: 'nope', fileName: 'a.csv', ...body('x'), maxBytes: MAX },
          actor('ops@example.test'),
        ),
      ),
    ).toMatchObject({ code: 'PIPELINE_NOT_FOUND' });
  });

  it('refuses a file over the limit and keeps nothing of it', async () => {
    const before = await storedFiles();
    const error = await refusal(
      uploadIngestFile(
        fx.engine,
        { pipelineId: 'lab-results-csv', fileName: 'big.csv', ...body('x'.repeat(5000)), maxBytes: 4096 },
        actor('ops@example.test'),
      ),
    );
    expect(error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', status: 413 });
    expect(await storedFiles()).toBe(before);
  });
});

describe('getQuarantinePage', () => {
  it('leaves raw values out unless they are asked for', async () => {
    const { run } = await uploadIngestFile(
      fx.engine,
      {
        pipelineId: 'lab-results-csv',
        fileName: 'many-bad.csv',
        ...body(generateLabCsv({ seed: 52, rows: 60, badShare: 0.25 })),
        maxBytes: MAX,
      },
      actor('ops@example.test'),
    );
    await waitForRun(fx.engine, run.id, hasStatus('waiting'));

    const hidden = await getQuarantinePage(
      fx.engine,
      run.id,
      { page: 1, pageSize: 10, values: false },
      actor('test'),
    );
    expect(hidden).toMatchObject({ values: false, total: 15, records: 15, pageCount: 2, page: 1 });
    expect(hidden.items).toHaveLength(10);
    expect(hidden.items.every((item) => !('rawValue' in item))).toBe(true);
    expect(hidden.items[0]).toEqual({
      recordNumber: 4,
      line: 5,
      field: 'loinc_code',
      reason: expect.any(String),
      stage: 'validating',
    });

    const shown = await getQuarantinePage(
      fx.engine,
      run.id,
      { page: 2, pageSize: 10, values: true },
      actor('test'),
    );
    expect(shown).toMatchObject({ values: true, page: 2 });
    expect(shown.items).toHaveLength(5);
    expect(shown.items.every((item) => 'rawValue' in item)).toBe(true);
  });

  it('is empty for a run of a pipeline that takes no files, and 404 for an unknown run', async () => {
    const { run } = await startRun(
      fx.engine,
      { pipelineId: 'hello-etl', input: { source: 'x.csv' } },
      actor('tester'),
    );
    expect(
      await getQuarantinePage(fx.engine, run.id, { page: 1, pageSize: 50, values: true }, actor('test')),
    ).toEqual({
      items: [],
      page: 1,
      pageSize: 50,
      total: 0,
      records: 0,
      pageCount: 1,
      values: true,
    });
    await waitForRun(fx.engine, run.id);
    expect(
      await refusal(
        getQuarantinePage(
          fx.engine,
          '00000000-0000-4000-8000-000000000000',
          {
            page: 1,
            pageSize: 50,
            values: false,
          },
          actor('test'),
        ),
      ),
    ).toMatchObject({ code: 'RUN_NOT_FOUND', status: 404 });
  });
});

describe('roles', () => {
  const viewer = person('viewer');
  const operator = person('operator');

  it('refuses quarantined raw values and the CSV export to a viewer (403), not the reasons', async () => {
    const csv = generateLabCsv({ seed: 7, rows: 30, badShare: 0.3 });
    const upload = await uploadIngestFile(
      fx.engine,
      { pipelineId: 'lab-results-csv', fileName: 'bad.csv', ...body(csv), maxBytes: MAX },
      operator,
    );
    const ingestRun = (await waitForRun(fx.engine, upload.run.id, hasStatus('waiting'))).id;
    const page = await getQuarantinePage(
      fx.engine,
      ingestRun,
      { page: 1, pageSize: 10, values: false },
      viewer,
    );
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((item) => !('rawValue' in item))).toBe(true);
    await expect(
      getQuarantinePage(fx.engine, ingestRun, { page: 1, pageSize: 10, values: true }, viewer),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', status: 403 });
    await expect(exportQuarantineCsv(fx.engine, ingestRun, viewer)).rejects.toMatchObject({ status: 403 });
    const values = await getQuarantinePage(
      fx.engine,
      ingestRun,
      { page: 1, pageSize: 10, values: true },
      operator,
    );
    expect(values.items.every((item) => 'rawValue' in item)).toBe(true);
    await expect(exportQuarantineCsv(fx.engine, ingestRun, operator)).resolves.toBeDefined();
  });

  it('refuses a viewer upload with 403 before reading a byte', async () => {
    const upload = body('x');
    const before = await storedFiles();
    await expect(
      uploadIngestFile(
        fx.engine,
        { pipelineId: 'lab-results-csv', fileName: 'a.csv', ...upload, maxBytes: 100 },
        viewer,
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(upload.read.started).toBe(false);
    expect(await storedFiles()).toBe(before);
  });
});
