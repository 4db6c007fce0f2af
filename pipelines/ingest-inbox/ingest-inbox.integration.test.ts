import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRun } from '../../core/runs/start-run';
import { findRunByIdempotencyKey } from '../../db/queries/find-run-by-idempotency-key';
import type { PollInboxResult } from '../../health/ingest/poll-inbox';
import { setUpTestEngine } from '../../test-support/set-up-test-engine';
import { actor } from '../../test-support/test-actors';
import { waitForRun } from '../../test-support/test-engine';
import { fhirBundle } from '../fhir-bundle/fhir-bundle.pipeline';
import { generateFhirBundle } from '../fhir-bundle/synthetic-fhir-bundle';
import { labResultsCsv } from '../lab-results-csv/lab-results-csv.pipeline';
import { generateLabCsv } from '../lab-results-csv/synthetic-lab-csv';
import { ingestInbox } from './ingest-inbox.pipeline';

let inbox: string;

const fx = setUpTestEngine([ingestInbox, labResultsCsv, fhirBundle], { worker: true });

beforeAll(async () => {
  inbox = mkdtempSync(join(tmpdir(), 'signalbox-inbox-'));
});
afterAll(async () => {
  rmSync(inbox, { recursive: true, force: true });
});

/** Drops a file into the inbox, dated a minute ago (settled). */
function drop(folder: string, name: string, content: string, settled = true) {
  mkdirSync(join(inbox, folder), { recursive: true });
  const path = join(inbox, folder, name);
  writeFileSync(path, content);
  if (settled) utimesSync(path, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
}

async function poll(minAgeMs = 2_000): Promise<PollInboxResult> {
  const { run } = await startRun(
    fx.engine,
    { pipelineId: 'ingest-inbox', input: { inboxDir: inbox, minAgeMs } },
    actor('tester'),
  );
  const done = await waitForRun(fx.engine, run.id);
  expect(done.status).toBe('succeeded');
  return (done.snapshot as { context: { result: PollInboxResult } }).context.result;
}

describe('ingest-inbox: polling a folder', () => {
  it('starts one run per new file, moves it to processed/, and never ingests the same content twice', async () => {
    const csv = generateLabCsv({ seed: 41, rows: 25 });
    drop('lab-results', 'clinic-a.csv', csv);
    drop('lab-results', 'notes.txt', 'not for us');
    drop(
      'fhir-bundle',
      'bundle.json',
      JSON.stringify(generateFhirBundle({ seed: 42, patients: 2, observations: 5 })),
    );
    drop('lab-results', 'still-uploading.csv', generateLabCsv({ seed: 43, rows: 5 }), false);

    expect(await poll()).toEqual({ started: 2, known: 0, left: 1 });
    expect(readdirSync(join(inbox, 'lab-results')).sort()).toEqual([
      'notes.txt',
      'processed',
      'still-uploading.csv',
    ]);
    expect(readdirSync(join(inbox, 'lab-results', 'processed'))).toEqual([
      expect.stringMatching(/^[0-9a-f]{12}-clinic-a\.csv$/),
    ]);
    expect(readdirSync(join(inbox, 'fhir-bundle'))).toEqual(['processed']);

    const sha = readdirSync(join(inbox, 'lab-results', 'processed'))[0]!.slice(0, 12);
    const labRuns = await fx.db.db.query.runs.findMany({
      where: (r, { eq }) => eq(r.pipelineId, 'lab-results-csv'),
    });
    expect(labRuns).toHaveLength(1);
    expect(labRuns[0]!.idempotencyKey).toMatch(new RegExp(`^inbox:${sha}[0-9a-f]{52}$`));
    expect(labRuns[0]!.input).toMatchObject({ file: { name: 'clinic-a.csv', bytes: csv.length } });
    const done = await waitForRun(fx.engine, labRuns[0]!.id);
    expect(done.state).toBe('completed');

    // The same content under another name: recognised, moved, not ingested again.
    drop('lab-results', 'clinic-a-resent.csv', csv);
    expect(await poll(0)).toEqual({ started: 1, known: 1, left: 0 });
    const again = await findRunByIdempotencyKey(fx.engine.db, 'lab-results-csv', labRuns[0]!.idempotencyKey!);
    expect(again!.id).toBe(labRuns[0]!.id);
    expect(readdirSync(join(inbox, 'lab-results')).sort()).toEqual(['notes.txt', 'processed']);
  });
});
