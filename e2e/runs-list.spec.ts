import type { Page } from '@playwright/test';
import type { RunSummary } from '../core/runs/run-summary';
import { openLive } from './console';
import { expect, test } from './fixtures';

const runsTable = (page: Page) => page.getByRole('table', { name: 'Runs matching the filters' });
/** The short ids of the runs shown, top to bottom. */
const shownRuns = (page: Page) =>
  runsTable(page)
    .getByRole('link', { name: /^Run [0-9a-f]{8}$/ })
    .allTextContents();
const pageSummary = (page: Page) => page.getByRole('navigation', { name: 'Pages' });

test('filters live in the URL, survive a reload, and Next/Previous page through the matches', async ({
  page,
  request,
  seed,
  capture,
  unique,
}) => {
  const prefix = unique('e2e-list');
  const seeded = await Promise.all(
    Array.from({ length: 30 }, (_, i) =>
      seed.startRun(
        'hello-etl',
        { source: `${prefix}.csv`, rows: i, stepDelayMs: 0 },
        `${prefix}-${String(i).padStart(2, '0')}`,
      ),
    ),
  );
  await Promise.all(seeded.map((run) => seed.waitForRun(run.id)));
  // The order the API pages in (newest first): what each page of the list must show.
  const listed = await request.get(`/api/runs?q=${prefix}&limit=200`);
  const all = ((await listed.json()) as { runs: RunSummary[] }).runs.map((run) => run.id.slice(0, 8));
  expect(all).toHaveLength(30);
  expect(new Set(all)).toEqual(new Set(seeded.map((run) => run.id.slice(0, 8))));

  await page.goto('/runs');
  await expect(page.getByRole('heading', { level: 1, name: 'Runs' })).toBeVisible();
  await capture(page, 'all-runs');
  const filters = page.getByRole('form', { name: 'Filter runs' });
  await filters.getByRole('searchbox', { name: 'Search' }).fill(prefix);
  await filters.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(new RegExp(`/runs\\?q=${prefix}$`));
  await expect(page.getByText('30 runs match the filters')).toBeVisible();
  await expect(pageSummary(page)).toContainText('30 runs on this page');

  // 25 per page: 25, then the last 5.
  await page.getByLabel('Per page').selectOption('25');
  await expect(page).toHaveURL(new RegExp(`q=${prefix}&limit=25$`));
  await expect.poll(() => shownRuns(page)).toEqual(all.slice(0, 25));
  const previous = page.getByRole('button', { name: '← Previous' });
  const next = page.getByRole('button', { name: 'Next →' });
  await expect(previous).toBeDisabled();
  await next.click();
  await expect(page).toHaveURL(/&cursor=/);
  await expect.poll(() => shownRuns(page)).toEqual(all.slice(25));
  await expect(next).toBeDisabled();
  await capture(page, 'second-page-of-25');

  // The URL is the whole view: a reload shows the same filter, page size and page.
  await page.reload();
  await expect(filters.getByRole('searchbox', { name: 'Search' })).toHaveValue(prefix);
  await expect(page.getByLabel('Per page')).toHaveValue('25');
  await expect.poll(() => shownRuns(page)).toEqual(all.slice(25));
  await previous.click();
  await expect.poll(() => shownRuns(page)).toEqual(all.slice(0, 25));
  await expect(previous).toBeDisabled();

  // A shared link with a smaller page size: three pages forward, two back, by keyset cursors.
  await page.goto(`/runs?q=${prefix}&limit=10`);
  for (const from of [0, 10, 20]) {
    await expect.poll(() => shownRuns(page)).toEqual(all.slice(from, from + 10));
    if (from < 20) await next.click();
  }
  await expect(next).toBeDisabled();
  await capture(page, 'third-page-of-10');
  await previous.click();
  await expect.poll(() => shownRuns(page)).toEqual(all.slice(10, 20));
  await page.reload();
  await expect.poll(() => shownRuns(page)).toEqual(all.slice(10, 20));
  await previous.click();
  await expect.poll(() => shownRuns(page)).toEqual(all.slice(0, 10));
  await expect(previous).toBeDisabled();
});

test('columns sort, status toggles filter, and the bulk retry states how many runs it retries', async ({
  page,
  seed,
  capture,
  unique,
}) => {
  const prefix = unique('e2e-sort');
  const seeded = await Promise.all(
    Array.from({ length: 6 }, (_, i) =>
      seed.startRun(
        'hello-etl',
        { source: `${prefix}.csv`, simulateFailures: i % 3 === 0 ? 1 : 0, stepDelayMs: 0 },
        `${prefix}-${i}`,
      ),
    ),
  );
  await Promise.all(seeded.map((run) => seed.waitForRun(run.id)));

  await openLive(page, `/runs?q=${prefix}`);
  const table = runsTable(page);
  const dataRows = table.getByRole('row').filter({ has: page.getByRole('cell') });
  await expect(dataRows).toHaveCount(6);

  const stateHeader = table.getByRole('columnheader', { name: 'State' });
  await expect(stateHeader).toHaveAttribute('aria-sort', 'none');
  await stateHeader.getByRole('button').click();
  await expect(page).toHaveURL(/sort=state&dir=asc/);
  await expect(stateHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(dataRows.first()).toContainText('done');
  await expect(dataRows.last()).toContainText('failed ← transforming');
  await stateHeader.getByRole('button').click();
  await expect(page).toHaveURL(/sort=state(?!&dir)/);
  await expect(stateHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(dataRows.first()).toContainText('failed ← transforming');
  await expect(dataRows.last()).toContainText('done');
  await capture(page, 'sorted-by-state-desc');

  const failed = page.getByRole('group', { name: 'Status' }).getByRole('button', { name: /^failed/ });
  await failed.click();
  await expect(failed).toHaveAttribute('aria-pressed', 'true');
  await expect(page).toHaveURL(/status=failed/);
  await expect(dataRows).toHaveCount(2);
  await expect(page.getByText('2 runs failed, of 6 runs matching the other filters')).toBeVisible();

  await page.getByRole('button', { name: 'Retry 2 failed…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Retry 2 failed runs?' });
  await expect(dialog).toContainText(`This retries 2 failed runs matching search “${prefix}”`);
  await dialog.getByRole('textbox', { name: 'Reason' }).fill('transform fixed');
  await capture(page, 'bulk-retry-confirmation');
  await dialog.getByRole('button', { name: 'Retry 2 runs' }).click();
  await expect(
    page.getByRole('region', { name: /Notifications/ }).getByText('Retried 2 of 2 failed runs'),
  ).toBeVisible();

  // Retried runs leave the "failed" view by themselves (live), leaving the filtered empty state.
  await expect(page.getByRole('heading', { name: 'No runs match these filters' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Retry failed runs' })).toBeDisabled();
  await Promise.all(seeded.map((run) => seed.waitForRun(run.id, (r) => r.status === 'succeeded')));
});

test('an empty result says what to do, and invalid filters are explained', async ({
  page,
  capture,
  unique,
}) => {
  await page.goto(`/runs?q=${unique('e2e-nothing')}&status=failed`);
  await expect(page.getByRole('heading', { name: 'No runs match these filters' })).toBeVisible();
  await expect(page.getByText('Loosen a filter, or clear them all to see every run.')).toBeVisible();
  await expect(pageSummary(page).getByRole('button', { name: 'Next →' })).toBeDisabled();
  await capture(page, 'empty');
  await page.getByRole('button', { name: 'Clear filters' }).last().click();
  await expect(page).toHaveURL(/\/runs$/);
  await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue('');

  await page.goto('/runs?createdAfter=yesterday');
  const alert = page.getByRole('alert').filter({ hasText: 'These filters are not valid.' });
  await expect(alert).toContainText('createdAfter');
  await capture(page, 'invalid-filter');
});
