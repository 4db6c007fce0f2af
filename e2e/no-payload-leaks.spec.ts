import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { APIRequestContext, APIResponse } from '@playwright/test';
import { generateLabCsv } from '../pipelines/lab-results-csv/synthetic-lab-csv';
import { E2E } from '../playwright.config';
import { expect, test } from './fixtures';

/**
 * Issue 5, item 6: payload content (health data) never reaches an error message or the server log.
 * A unique marker is planted in every kind of payload — a run input, an event payload, the patient
 * id and value fields of an uploaded CSV, bodies that fail validation, a sign-in — and then looked
 * for in every error answer, in a viewer's answers (payloads are hidden from viewers), and in the
 * log of the e2e server (test-results/e2e-server.log, written at LOG_LEVEL=info).
 *
 * Positive controls: an operator's answers do contain the marker (so it really is stored), and the
 * log does name the runs (so it really is the log of this server).
 */
test('a marker planted in payloads reaches no error answer, no viewer and no server log', async ({
  request,
  seed,
  auth,
  playwright,
}, testInfo) => {
  const marker = `PHI-MARKER-${randomUUID()}`;
  /** Every answer that is not a success, with what was sent: none may quote the marker. */
  const refusals: { what: string; status: number; body: string }[] = [];
  const refused = async (what: string, response: APIResponse, status: number) => {
    const body = await response.text();
    expect(response.status(), `${what}: ${body}`).toBe(status);
    refusals.push({ what, status, body });
  };

  // 1. A run input: hello-etl's `source`, failing once in transform (an error on the step).
  const started = await request.post('/api/runs', {
    data: {
      pipelineId: 'hello-etl',
      input: { source: `${marker}.csv`, rows: 3, simulateFailures: 1, stepDelayMs: 0 },
    },
  });
  expect(started.status(), await started.text()).toBe(201);
  const etlRun: string = (await started.json()).run.id;

  // 2. An event payload: a document-review run (its title is input too) approved with a comment.
  const review = await request.post('/api/runs', {
    data: {
      pipelineId: 'document-review',
      input: { documentId: `doc-${randomUUID()}`, title: marker, stepDelayMs: 0 },
    },
  });
  expect(review.status(), await review.text()).toBe(201);
  const reviewRun: string = (await review.json()).run.id;
  await seed.waitForRun(reviewRun, (r) => r.state === 'awaiting_approval');
  const approved = await request.post(`/api/runs/${reviewRun}/events`, {
    data: { type: 'approve', payload: { reviewer: 'e2e', comment: marker } },
  });
  expect(approved.status(), await approved.text()).toBe(200);

  // 3. A lab CSV whose bad rows carry the marker as the patient id and as the value.
  const csv = [
    generateLabCsv({
      seed: 97,
      rows: 10,
      firstPatient: 9_000_000 + Math.floor(Math.random() * 900_000),
    }).trimEnd(),
    `${marker},2345-7,"Glucose",95,mg/dL,2025-01-02T08:00:00Z`,
    `P-1,2345-7,"Glucose",${marker},mg/dL,2025-01-02T08:00:00Z`,
    '',
  ].join('\n');
  const uploaded = await request.post('/api/pipelines/lab-results-csv/files?fileName=marker.csv', {
    data: Buffer.from(csv),
    headers: { 'content-type': 'text/csv' },
  });
  expect(uploaded.status(), await uploaded.text()).toBe(201);
  const csvRun: string = (await uploaded.json()).run.id;

  // 4. Bodies that fail, each quoting the marker somewhere a careless error message would echo it.
  await refused(
    'start with the marker in wrong-typed fields',
    await request.post('/api/runs', {
      data: { pipelineId: 'hello-etl', input: { source: 42, rows: marker, stepDelayMs: marker } },
    }),
    400,
  );
  await refused(
    'start with the marker in an enum-like field of another pipeline',
    await request.post('/api/runs', {
      data: { pipelineId: 'document-review', input: { documentId: 7, title: { text: marker } } },
    }),
    400,
  );
  await refused(
    'start with invalid JSON around the marker',
    await request.post('/api/runs', {
      data: Buffer.from(`{"pipelineId": "hello-etl", "input": {"source": ${marker}}}`),
      headers: { 'content-type': 'application/json' },
    }),
    400,
  );
  // The event's `type` is a name, not a payload: the 409 names it back (`attempted`), so the marker
  // goes into the payload of an event the run does not know.
  await refused(
    'an event of an unknown type with the marker in its payload',
    await request.post(`/api/runs/${etlRun}/events`, {
      data: { type: 'e2e-unknown-event', payload: { note: marker, patient: { id: marker } } },
    }),
    409,
  );
  await refused(
    'an event with the marker in a wrong-typed payload',
    await request.post(`/api/runs/${etlRun}/events`, { data: { type: 'approve', payload: marker } }),
    400,
  );
  await refused(
    'an approve to a run that no longer waits, with the marker as comment',
    await request.post(`/api/runs/${reviewRun}/events`, {
      data: { type: 'approve', payload: { comment: marker } },
    }),
    409,
  );
  await refused(
    'a retry with the marker as a wrong-typed expectedVersion',
    await request.post(`/api/runs/${etlRun}/retry`, { data: { expectedVersion: marker } }),
    400,
  );
  await refused(
    'an upload of the marker as a form body',
    await request.post('/api/pipelines/lab-results-csv/files?fileName=x.csv', {
      data: Buffer.from(`patient_id=${marker}`),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    }),
    415,
  );
  await refused(
    'a start with the marker as a form body',
    await request.post('/api/runs', {
      data: Buffer.from(`source=${marker}`),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    }),
    415,
  );

  // Sign-in with the marker as email and password: refused, and nobody's business afterwards.
  const anonymous = await playwright.request.newContext({
    baseURL: E2E.baseURL,
    storageState: { cookies: [], origins: [] },
  });
  await refused(
    'sign-in with the marker as email and password',
    await anonymous.post('/api/session', {
      data: { email: `${marker.toLowerCase()}@e2e.test`, password: marker },
    }),
    401,
  );
  await refused(
    'sign-in with the marker as a malformed email',
    await anonymous.post('/api/session', { data: { email: marker, password: marker } }),
    400,
  );
  await refused(
    'sign-in with the marker in invalid JSON',
    await anonymous.post('/api/session', {
      data: Buffer.from(`{"email": "a@e2e.test", "password": ${marker}}`),
      headers: { 'content-type': 'application/json' },
    }),
    400,
  );
  await anonymous.dispose();

  for (const refusal of refusals) {
    expect.soft(refusal.body, `${refusal.what} (${refusal.status}) quotes the payload`).not.toContain(marker);
    expect
      .soft(refusal.body.toLowerCase(), `${refusal.what} (${refusal.status}) quotes the payload`)
      .not.toContain(marker.toLowerCase());
  }

  // The runs settle: the etl run fails once and retries; the CSV quarantines its two bad rows.
  await seed.waitForRun(etlRun);
  await seed.waitForRun(reviewRun);
  await seed.waitForRun(csvRun, (r) => r.state === 'awaiting_review' || r.status !== 'running');

  // 5. A viewer sees the runs, never the marker; an operator (positive control) sees it.
  const viewer = await auth.createAccount('viewer');
  const asViewer = await playwright.request.newContext({
    baseURL: E2E.baseURL,
    storageState: await auth.signedInState(viewer),
  });
  const reads = (runId: string) => [
    `/api/runs/${runId}`,
    `/api/runs/${runId}/attempts`,
    `/api/runs/${runId}/transitions`,
    `/api/runs/${runId}/ingest`,
    `/api/runs/${runId}/quarantine`,
  ];
  const viewerPaths = [
    ...[etlRun, reviewRun, csvRun].flatMap(reads),
    '/api/runs?limit=50',
    '/api/overview',
    '/api/pipelines/lab-results-csv',
  ];
  const read = async (api: APIRequestContext, path: string) => {
    const response = await api.get(path);
    return { path, status: response.status(), body: await response.text() };
  };
  for (const answer of await Promise.all(viewerPaths.map((path) => read(asViewer, path)))) {
    expect.soft(answer.status, `viewer ${answer.path}`).toBe(200);
    expect.soft(answer.body, `viewer ${answer.path} shows a payload`).not.toContain(marker);
  }
  // What a viewer may not open at all.
  for (const path of [`/api/runs/${csvRun}/quarantine?values=true`, `/api/runs/${csvRun}/quarantine.csv`]) {
    const answer = await read(asViewer, path);
    expect.soft(answer.status, `viewer ${path}`).toBe(403);
    expect.soft(answer.body).not.toContain(marker);
  }
  await asViewer.dispose();

  const operatorSees = [
    `/api/runs/${etlRun}`, // input.source
    `/api/runs/${reviewRun}`, // input.title and context.comment (the event payload)
    `/api/runs/${csvRun}/quarantine?values=true`, // the raw values
    `/api/runs/${csvRun}/quarantine.csv`,
  ];
  for (const answer of await Promise.all(operatorSees.map((path) => read(request, path)))) {
    expect.soft(answer.status, `operator ${answer.path}`).toBe(200);
    expect.soft(answer.body, `operator ${answer.path} (positive control)`).toContain(marker);
  }

  // 6. The server's log: it is this server's (it names the runs), and it never holds the marker.
  await expect
    .poll(async () => (await readFile(E2E.serverLog, 'utf8')).includes(csvRun), {
      message: `${E2E.serverLog} names the runs (LOG_LEVEL=info)`,
    })
    .toBe(true);
  const log = await readFile(E2E.serverLog, 'utf8');
  await testInfo.attach('e2e-server.log', { body: log, contentType: 'text/plain' });
  const leaks = log.split('\n').filter((line) => line.toLowerCase().includes(marker.toLowerCase()));
  expect(leaks, 'server log lines quoting the payload').toEqual([]);
});
