import type { Page } from '@playwright/test';
import { sendEvent } from '../test-support/operator-commands';
import { openLive, runPage } from './console';
import { expect, test } from './fixtures';

/** Marks the document: the mark is gone if the page reloads or navigates. */
const markDocument = (page: Page) =>
  page.evaluate(() => {
    (window as unknown as { e2eMark?: boolean }).e2eMark = true;
  });
const stillMarked = (page: Page) =>
  page.evaluate(() => (window as unknown as { e2eMark?: boolean }).e2eMark === true);

test('a transition committed elsewhere shows on an open run page and runs list without a reload', async ({
  context,
  page,
  seed,
  capture,
  unique,
}) => {
  const key = unique('e2e-live');
  const started = await seed.startRun(
    'document-review',
    { documentId: key, title: 'Live update', stepDelayMs: 200 },
    key,
  );
  await seed.waitForRun(started.id, (r) => r.state === 'awaiting_approval');

  await openLive(page, `/runs/${started.id}`);
  const run = runPage(page);
  await expect(run.current('awaiting_approval')).toBeVisible();
  await expect(run.status).toHaveText('waiting');
  await markDocument(page);

  const list = await context.newPage();
  await openLive(list, `/runs?q=${key}`);
  const row = list
    .getByRole('table', { name: 'Runs matching the filters' })
    .getByRole('row')
    .filter({ has: list.getByRole('link', { name: `Run ${started.id.slice(0, 8)}` }) });
  await expect(row).toContainText('awaiting_approval');
  await markDocument(list);

  // Another operator (here: core, as the CLI would) approves; the worker then publishes.
  await sendEvent(seed.engine, {
    runId: started.id,
    type: 'approve',
    actor: 'e2e-elsewhere',
    reason: 'live',
  });

  await expect(run.transition('approve')).toContainText('e2e-elsewhere');
  await expect(run.current('published')).toBeVisible();
  await expect(run.status).toHaveText('succeeded');
  await expect(run.attempt('publish #1').getByText('succeeded', { exact: true })).toBeVisible();
  await expect(row).toContainText('published');
  await expect(row).toContainText('succeeded');
  expect(await stillMarked(page)).toBe(true);
  expect(await stillMarked(list)).toBe(true);
  await capture(page, 'run-updated-live');
  await capture(list, 'list-updated-live');
});

test('the pipeline page lists a new run and its state changes live', async ({
  page,
  seed,
  capture,
  unique,
}) => {
  await openLive(page, '/pipelines/document-review');
  await markDocument(page);

  const started = await seed.startRun('document-review', {
    documentId: unique('e2e-live-pipeline'),
    title: 'Listed live',
    stepDelayMs: 0,
  });
  const row = page
    .getByRole('table', { name: 'Recent runs of document-review' })
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name: `Run ${started.id.slice(0, 8)}` }) });
  await expect(row).toContainText('awaiting_approval');
  await expect(row).toContainText('waiting');
  await capture(page, 'pipeline-new-run-live');

  await sendEvent(seed.engine, {
    runId: started.id,
    type: 'reject',
    actor: 'e2e-elsewhere',
    reason: 'not needed',
  });
  await expect(row).toContainText('rejected');
  await expect(row).toContainText('succeeded');
  expect(await stillMarked(page)).toBe(true);
});

// A run change committed after the server rendered the page but before its live stream is ready must
// still show (the stream's `ready` refetches everything).
test('a change committed while the page connects its live stream still shows', async ({
  page,
  seed,
  unique,
}) => {
  const started = await seed.startRun('document-review', {
    documentId: unique('e2e-race-stream'),
    title: 'Race',
    stepDelayMs: 0,
  });
  await seed.waitForRun(started.id, (r) => r.state === 'awaiting_approval');
  let openStream!: () => void;
  const streamHeld = new Promise<void>((resolve) => {
    openStream = resolve;
  });
  await page.route('**/api/stream', async (route) => {
    await streamHeld;
    await route.continue();
  });

  await page.goto(`/runs/${started.id}`);
  const run = runPage(page);
  await expect(run.current('awaiting_approval')).toBeVisible();
  await sendEvent(seed.engine, { runId: started.id, type: 'approve', actor: 'e2e-race', reason: 'race' });
  await seed.waitForRun(started.id);
  openStream();
  await expect(page.getByRole('status').filter({ hasText: /^Live$/ })).toBeVisible();
  await expect(run.current('published')).toBeVisible();
});

// A run change committed while a client-side navigation to the run page is in flight must still show
// (the notice arrives before the page's queries exist; they refetch on mount).
test('a change committed while navigating to the run page still shows', async ({
  context,
  page,
  seed,
  unique,
}) => {
  const key = unique('e2e-race-nav');
  const started = await seed.startRun(
    'document-review',
    { documentId: key, title: 'Race', stepDelayMs: 0 },
    key,
  );
  await seed.waitForRun(started.id, (r) => r.state === 'awaiting_approval');
  await openLive(page, `/runs?q=${key}`);
  // A second tab on the same list shows when open pages have handled the run's change notice.
  const observer = await context.newPage();
  await openLive(observer, `/runs?q=${key}`);

  // Hold the navigation's server answer until the run has moved on and the notice has been handled,
  // then deliver the answer rendered before the change.
  let held = false;
  await page.route(`**/runs/${started.id}?_rsc=*`, async (route) => {
    if (held || route.request().headers()['next-router-prefetch']) return route.continue();
    held = true;
    const rendered = await route.fetch();
    const noticeHandled = observer.waitForResponse((response) =>
      response.url().includes(`/api/runs?q=${key}`),
    );
    await sendEvent(seed.engine, { runId: started.id, type: 'approve', actor: 'e2e-race', reason: 'race' });
    await noticeHandled;
    await route.fulfill({ response: rendered });
  });
  await page.getByRole('link', { name: `Run ${started.id.slice(0, 8)}` }).click();
  const run = runPage(page);
  await expect(run.heading).toBeVisible();
  await expect(run.current('published')).toBeVisible();
});
