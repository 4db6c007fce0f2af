import { expect, test } from './fixtures';

test('the overview and the pipelines list show seeded runs and link to them', async ({
  page,
  seed,
  capture,
  unique,
}) => {
  const key = unique('e2e-overview');
  const failing = await seed.startRun('hello-etl', {
    source: `${key}.csv`,
    simulateFailures: 1,
    stepDelayMs: 0,
  });
  const waiting = await seed.startRun('document-review', {
    documentId: key,
    title: 'Overview',
    stepDelayMs: 0,
  });
  await seed.waitForRun(failing.id, (r) => r.status === 'failed');
  await seed.waitForRun(waiting.id, (r) => r.state === 'awaiting_approval');

  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }),
  ).toHaveAttribute('aria-current', 'page');
  const failures = page.getByRole('region', { name: 'Recent failures' });
  await expect(failures.getByRole('link', { name: `Run ${failing.id.slice(0, 8)}` })).toBeVisible();
  await expect(
    failures
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: `Run ${failing.id.slice(0, 8)}` }) }),
  ).toContainText('simulated transform failure');
  const active = page.getByRole('region', { name: 'Active runs' });
  await expect(active.getByRole('link', { name: `Run ${waiting.id.slice(0, 8)}` })).toBeVisible();
  const health = page.getByRole('region', { name: 'Pipeline health' });
  await expect(health.getByRole('link', { name: 'Hello ETL' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Workers' })).toContainText('alive');
  await capture(page, 'overview');

  // A status tile links to the filtered runs list.
  await page.getByRole('link', { name: /^failed \d+$/ }).click();
  await expect(page).toHaveURL(/\/runs\?status=failed&createdAfter=/);
  await expect(
    page.getByRole('group', { name: 'Status' }).getByRole('button', { name: /^failed/ }),
  ).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('link', { name: `Run ${failing.id.slice(0, 8)}` })).toBeVisible();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pipelines' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Pipelines' })).toBeVisible();
  const hello = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'Hello ETL' }) });
  await expect(hello).toContainText('hello-etl');
  await expect(hello).toContainText('0 * * * *');
  await expect
    .poll(async () => Number(await hello.getByRole('link', { name: /^\d+$/ }).last().textContent()))
    .toBeGreaterThan(0);
  const review = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'Document review' }) });
  await expect(review).toContainText('manual');
  await capture(page, 'pipelines');

  await review.getByRole('link', { name: 'Document review' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Document review' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Operator events' })).toContainText('approve');
  await expect(
    page
      .getByRole('region', { name: 'Recent runs' })
      .getByRole('link', { name: `Run ${waiting.id.slice(0, 8)}` }),
  ).toBeVisible();
  await capture(page, 'document-review-pipeline');
});

test('unknown runs, pipelines and pages say so', async ({ page, capture }) => {
  await page.goto('/runs/00000000-0000-4000-8000-000000000000');
  await expect(page.getByRole('heading', { level: 1, name: 'Run not found' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Search the runs' })).toBeVisible();
  await capture(page, 'run-not-found');

  await page.goto('/pipelines/no-such-pipeline');
  await expect(page.getByRole('heading', { level: 1, name: 'Pipeline not found' })).toBeVisible();
  await capture(page, 'pipeline-not-found');

  await page.goto('/no-such-page');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
});
