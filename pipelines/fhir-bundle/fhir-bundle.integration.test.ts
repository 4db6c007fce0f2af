import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors';
import { countRunObservations } from '../../db/queries/count-run-observations';
import type { RunRecord } from '../../db/queries/run-record';
import { exportQuarantineCsv } from '../../health/ingest/export-quarantine-csv';
import { getIngestSummary } from '../../health/ingest/get-ingest-summary';
import type { IngestContext } from '../../health/ingest/ingest-machine';
import { listRunQuarantine } from '../../health/ingest/list-run-quarantine';
import { submitIngestFile } from '../../health/ingest/submit-ingest-file';
import { setUpTestEngine } from '../../test-support/set-up-test-engine';
import { actor } from '../../test-support/test-actors';
import { waitForRun } from '../../test-support/test-engine';
import { labResultsCsv } from '../lab-results-csv/lab-results-csv.pipeline';
import { generateLabCsv } from '../lab-results-csv/synthetic-lab-csv';
import { fhirBundle, PATIENT_ID_SYSTEM } from './fhir-bundle.pipeline';
import { BAD_ENTRY_KINDS, DEMO_MRN_SYSTEM, generateFhirBundle } from './synthetic-fhir-bundle';

const fx = setUpTestEngine([fhirBundle, labResultsCsv], { worker: true });

async function* bytes(text: string) {
  yield Buffer.from(text);
}
const submit = async (pipelineId: string, body: string, fileName: string) =>
  (await submitIngestFile(fx.engine, { pipelineId, fileName, content: bytes(body) }, actor('tester'))).run;
const context = (run: RunRecord) => (run.snapshot as { context: IngestContext }).context;
const drain = async (chunks: AsyncIterable<string>) => {
  let text = '';
  for await (const chunk of chunks) text += chunk;
  return text;
};

describe('fhir-bundle: whole runs against PostgreSQL and a real worker', () => {
  it('loads Patients and Observations, quarantining invalid entries with their entry index', async () => {
    const bundle = generateFhirBundle({
      seed: 31,
      patients: 10,
      observations: 200,
      badEntries: BAD_ENTRY_KINDS.length,
    });
    const run = await submit('fhir-bundle', JSON.stringify(bundle), 'bundle.json');
    const done = await waitForRun(fx.engine, run.id);
    expect(done).toMatchObject({ status: 'succeeded', state: 'completed' });
    // 10 patients + 200 observations + 6 bad entries; 6 bad entries of 216 is under the 10 % threshold.
    expect(context(done).counts).toEqual({
      received: 216,
      valid: 210,
      quarantined: 6,
      loaded: 210,
      duplicates: 0,
    });
    expect(await countRunObservations(fx.engine.db, run.id)).toBe(200);

    const { items } = await listRunQuarantine(fx.engine, { runId: run.id });
    expect(items.map((i) => [i.recordNumber, i.field, i.reason])).toEqual([
      [210, 'resource.resourceType', 'not ingested (Patient, Observation)'],
      [211, 'Observation.valueQuantity', 'missing'],
      [212, 'Observation.status', 'not loaded (loaded: final, amended, corrected, preliminary)'],
      [213, 'Observation.subject', 'does not resolve to a Patient entry of this bundle'],
      [214, 'Observation.code.coding', 'no coding with system http://loinc.org'],
      [215, 'Patient.identifier', 'missing (at least one identifier with system and value)'],
    ]);

    const links = await fx.db.db.execute<{ system: string; n: number }>(
      sql`select system, count(*)::int as n from patient_links where run_id = ${run.id} group by system order by system`,
    );
    expect([...links]).toEqual([
      { system: DEMO_MRN_SYSTEM, n: 10 },
      { system: PATIENT_ID_SYSTEM, n: 10 },
    ]);

    const csv = await drain(await exportQuarantineCsv(fx.engine, run.id, actor('test'), { pageSize: 4 }));
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('record,line,field,reason,stage,raw_value');
    expect(lines).toHaveLength(7);
    expect(lines[1]).toBe(
      '210,,resource.resourceType,"not ingested (Patient, Observation)",validating,Encounter',
    );
  });

  it('links a later bundle to known patients by any identifier, and shares observations with the CSV pipeline', async () => {
    // A CSV loads results for P-000501..; a bundle then carries some of the same results.
    const first = generateFhirBundle({ seed: 32, patients: 3, observations: 12, firstPatient: 501 });
    await waitForRun(fx.engine, (await submit('fhir-bundle', JSON.stringify(first), 'first.json')).id);

    // The same patients, identified only by the demo MRN: linked through patient_links.
    const second = generateFhirBundle({ seed: 33, patients: 3, observations: 12, firstPatient: 501 });
    for (const entry of second.entry as { resource: { resourceType: string; identifier?: unknown[] } }[]) {
      if (entry.resource.resourceType === 'Patient')
        entry.resource.identifier = entry.resource.identifier!.slice(1);
    }
    const run = await waitForRun(
      fx.engine,
      (await submit('fhir-bundle', JSON.stringify(second), 'second.json')).id,
    );
    expect(context(run).counts).toEqual({
      received: 15,
      valid: 15,
      quarantined: 0,
      loaded: 12,
      duplicates: 3,
    });
    const patients = await fx.db.db.execute<{ patient_id: string }>(
      sql`select distinct patient_id from observations where source_run_id = ${run.id} order by 1`,
    );
    expect(patients.map((p) => p.patient_id)).toEqual(['P-000501', 'P-000502', 'P-000503']);

    // The same bundle again: nothing new.
    const again = await waitForRun(
      fx.engine,
      (await submit('fhir-bundle', JSON.stringify(second), 'again.json')).id,
    );
    expect(context(again).counts).toMatchObject({ loaded: 0, duplicates: 15 });

    // Patients created by the CSV pipeline are the same patients.
    const csv = generateLabCsv({ seed: 34, rows: 30, patients: 3, firstPatient: 501 });
    const csvRun = await waitForRun(fx.engine, (await submit('lab-results-csv', csv, 'labs.csv')).id);
    expect(context(csvRun).counts.loaded).toBe(30);
    const [count] = await fx.db.db.execute<{ n: number }>(
      sql`select count(*)::int as n from patients where id in ('P-000501', 'P-000502', 'P-000503')`,
    );
    expect(count!.n).toBe(3);
  });

  it('fails a file that is not a JSON Bundle without quoting it', async () => {
    const run = await submit(
      'fhir-bundle',
      '{"resourceType": "Bundle", "entry": [ {"name": "Jane P-000001"',
      'cut.json',
    );
    const failed = await waitForRun(fx.engine, run.id);
    expect(failed).toMatchObject({ status: 'failed', failedState: 'parsing' });
    expect((failed.error as { message: string }).message).toMatch(/^not valid JSON/);
    expect((failed.error as { message: string }).message).not.toContain('Jane');
  });

  it('answers 404 for the read models of an unknown run', async () => {
    const unknown = crypto.randomUUID();
    await expect(getIngestSummary(fx.engine, unknown, actor('tester'))).rejects.toMatchObject({
      code: 'RUN_NOT_FOUND',
    });
    await expect(listRunQuarantine(fx.engine, { runId: 'not-a-uuid' })).rejects.toBeInstanceOf(AppError);
    await expect(exportQuarantineCsv(fx.engine, unknown, actor('test'))).rejects.toMatchObject({
      code: 'RUN_NOT_FOUND',
    });
    await expect(listRunQuarantine(fx.engine, { runId: unknown, pageSize: 10_000 })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});
