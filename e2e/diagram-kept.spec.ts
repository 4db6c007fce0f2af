import { DRAWINGS_STORAGE_KEY as KEY } from '../components/diagram/drawing-cache';
import { expect, test } from './fixtures';

test('a page loaded again draws its diagram from the drawing the browser kept, until sign-out', async ({
  signInAs,
}) => {
  // A session of its own: signing out ends it.
  const { page } = await signInAs('viewer');
  const drawn = page.locator('.diagram-canvas[data-rendered="true"]');
  await page.goto('/pipelines/hello-etl');
  await expect(drawn).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('.diagram-content svg')).toBeVisible();

  // The browser keeps this build's drawings. Mark the kept drawing of hello-etl: if the next load lays
  // the diagram out again instead of using it, the mark is not there.
  const kept = await page.evaluate((key) => {
    const stored = JSON.parse(localStorage.getItem(key) ?? 'null') as {
      build: string;
      entries: [string, string][];
    } | null;
    if (!stored) return [];
    const marked = stored.entries.map(([source, svg]) => [
      source,
      svg.replace('<svg ', '<svg data-kept="yes" '),
    ]);
    localStorage.setItem(key, JSON.stringify({ ...stored, entries: marked }));
    return stored.entries.map(([source]) => source);
  }, KEY);
  expect(kept).toHaveLength(1);
  expect(kept[0]).toContain('extracting');

  await page.reload();
  await expect(drawn).toBeVisible();
  await expect(page.locator('.diagram-content svg[data-kept="yes"]')).toBeVisible();
  await expect(page.locator('.diagram-content')).toContainText('transforming');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  expect(await page.evaluate((key) => localStorage.getItem(key), KEY)).toBeNull();
});
