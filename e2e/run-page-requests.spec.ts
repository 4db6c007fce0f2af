import type { Page, Request } from '@playwright/test';
import { openLive, runPage } from './console';
import { expect, test } from './fixtures';

/** What the page asked the server for: its document and every API call, `METHOD /path?query`. */
function recordRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request: Request) => {
    const url = new URL(request.url());
    if (request.resourceType() === 'document' || url.pathname.startsWith('/api/')) {
      seen.push(`${request.method()} ${url.pathname}${url.search}`);
    }
  });
  return seen;
}

function counts(requests: readonly string[]): Record<string, number> {
  const seen: Record<string, number> = {};
  for (const request of requests) seen[request] = (seen[request] ?? 0) + 1;
  return seen;
}

/** Asks for a marker and waits for it: every request issued before it has been seen by then. */
async function settle(page: Page, requests: readonly string[]): Promise<void> {
  const marker = `/api/session?settle=${Date.now()}`;
  await page.evaluate((url) => fetch(url).then(() => undefined), marker);
  await expect.poll(() => requests.some((request) => request.endsWith(marker))).toBe(true);
}

test('opening a run page asks for each thing at most once, and nothing is polled afterwards', async ({
  page,
  seed,
  unique,
}) => {
  const started = await seed.startRun('hello-etl', {
    source: `${unique('e2e-requests')}.csv`,
    stepDelayMs: 0,
  });
  await seed.waitForRun(started.id);
  const requests = recordRequests(page);
  // The page's timers run on a clock the test moves: five minutes pass in an instant.
  await page.clock.install();
  await openLive(page, `/runs/${started.id}`);
  const run = runPage(page);
  await expect(run.current('done')).toBeVisible();
  await expect(run.attempt('load #1').getByText('succeeded', { exact: true })).toBeVisible();

  await page.clock.fastForward('05:00');
  await settle(page, requests);
  const opened = counts(requests.filter((request) => !request.includes('settle=')));
  test
    .info()
    .annotations.push({ type: 'requests on opening a run page', description: JSON.stringify(opened) });
  // The document (server-rendered with the run page's read), the live stream, and at most one
  // refresh of the run page's one query when the stream connects (for changes made in between).
  expect(opened[`GET /runs/${started.id}`]).toBe(1);
  expect(opened['GET /api/stream']).toBe(1);
  expect(opened[`GET /api/runs/${started.id}/page`] ?? 0).toBeLessThanOrEqual(1);
  for (const [request, times] of Object.entries(opened)) expect(times, request).toBe(1);
  // The parts the page used to fetch on their own are not asked for at all.
  for (const part of ['', '/transitions', '/attempts']) {
    expect(Object.keys(opened)).not.toContain(`GET /api/runs/${started.id}${part}`);
  }

  // Five more minutes on a finished run: no polling of anything.
  const before = requests.length;
  await page.clock.fastForward('05:00');
  await settle(page, requests);
  expect(requests.slice(before).filter((request) => !request.includes('settle='))).toEqual([]);
});

test('a step attempt that starts and ends shows on an open run page without polling', async ({
  page,
  seed,
  unique,
}) => {
  const key = unique('e2e-attempt-live');
  const started = await seed.startRun(
    'document-review',
    { documentId: key, title: 'Attempts', stepDelayMs: 200 },
    key,
  );
  await seed.waitForRun(started.id, (r) => r.state === 'awaiting_approval');
  const requests = recordRequests(page);
  await openLive(page, `/runs/${started.id}`);
  const run = runPage(page);
  await expect(run.current('awaiting_approval')).toBeVisible();

  await page.getByRole('button', { name: 'Send approve' }).click();
  const dialog = page.getByRole('dialog', { name: 'Send approve?' });
  await dialog.getByRole('textbox', { name: 'Reason' }).fill('looks right');
  await dialog.getByRole('button', { name: 'Confirm approve' }).click();
  await expect(run.attempt('publish #1')).toBeVisible();
  await expect(run.attempt('publish #1').getByText('succeeded', { exact: true })).toBeVisible();
  expect(requests.filter((request) => /\/(attempts|transitions)$/.test(request))).toEqual([]);
});
