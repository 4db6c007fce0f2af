import { expect, test } from './fixtures';

test('the console answers and the seed fixture reaches its database', async ({ page, seed }) => {
  const run = await seed.startRun('hello-etl', { source: 'smoke.csv', stepDelayMs: 0 });
  const done = await seed.waitForRun(run.id);
  expect(done.status).toBe('succeeded');
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});
