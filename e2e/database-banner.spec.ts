import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * What the console's server says on its live stream when PostgreSQL goes away and comes back. The
 * database under the browser tests is shared by every test, so it is not stopped here: the stream's
 * answer is replaced, as the server sends it during an outage (the server side is covered by
 * core/live/run-change-feed.integration.test.ts and the chaos suite).
 */
const streamSays = (page: Page, ...events: [string, unknown][]) =>
  page.route('**/api/stream', (route) =>
    route.fulfill({
      status: 200,
      headers: { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache' },
      body: `retry: 500\n\n${events.map(([name, data]) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`).join('')}`,
    }),
  );

test('a banner says the database is unavailable while the server says so, and goes away when it is back', async ({
  page,
  capture,
}) => {
  await streamSays(page, ['ready', { at: new Date().toISOString() }], ['database', { available: false }]);
  await page.goto('/runs');
  const banner = page.getByRole('alert').filter({ hasText: 'Database unavailable' });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('keeps retrying');
  await capture(page, 'database-unavailable');

  await page.unroute('**/api/stream');
  await streamSays(
    page,
    ['ready', { at: new Date().toISOString() }],
    ['database', { available: true }],
    ['resync', {}],
  );
  // The stream of the first answer has ended: EventSource reconnects and hears the database is back.
  await expect(banner).toBeHidden({ timeout: 20_000 });
});

test('no banner while the database is reachable', async ({ page }) => {
  await page.goto('/runs');
  await expect(page.getByRole('status').filter({ hasText: /^Live$/ })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'Database unavailable' })).toHaveCount(0);
});
