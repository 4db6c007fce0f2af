import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * What the console's server says on its live stream when PostgreSQL goes away and comes back. The
 * database under the browser tests is shared by every test, so it is not stopped here: the stream's
 * answer is replaced, as the server sends it during an outage (the server side is covered by
 * core/live/run-change-feed.integration.test.ts and the chaos suite).
 */
/** Answers every (re)connection of the live stream with what the server would say now. */
const streamSays = async (page: Page) => {
  const now = { available: false };
  await page.route('**/api/stream', (route) =>
    route.fulfill({
      status: 200,
      headers: { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache' },
      // The answer ends at once: EventSource reconnects after `retry` and hears the state of then.
      body: [
        'retry: 300',
        '',
        `event: ready\ndata: ${JSON.stringify({ at: new Date().toISOString() })}\n`,
        `event: database\ndata: ${JSON.stringify({ available: now.available })}\n`,
        ...(now.available ? ['event: resync\ndata: {}\n'] : []),
        '',
      ].join('\n'),
    }),
  );
  return now;
};

test('a banner says the database is unavailable while the server says so, and goes away when it is back', async ({
  page,
  capture,
}) => {
  const server = await streamSays(page);
  await page.goto('/runs');
  const banner = page.getByRole('alert').filter({ hasText: 'Database unavailable' });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('keeps retrying');
  await capture(page, 'database-unavailable');

  server.available = true;
  await expect(banner).toBeHidden({ timeout: 20_000 });
});

test('no banner while the database is reachable', async ({ page }) => {
  await page.goto('/runs');
  await expect(page.getByRole('status').filter({ hasText: /^Live$/ })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'Database unavailable' })).toHaveCount(0);
});
