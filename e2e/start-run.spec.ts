import { runPage } from './console';
import { expect, test } from './fixtures';

test('the Start run form shows field errors, then starts a run whose diagram reaches done', async ({
  page,
  capture,
  unique,
}) => {
  await page.goto('/pipelines/hello-etl');
  await expect(page.getByRole('heading', { level: 1, name: 'Hello ETL' })).toBeVisible();
  await expect(page.locator('.diagram-canvas[data-rendered="true"]')).toBeVisible();
  await capture(page, 'pipeline-page');

  const form = page.getByRole('form', { name: 'Start run' });
  const source = form.getByLabel('Source');
  const rows = form.getByLabel('Rows');

  // Source left empty and a negative row count: the pipeline's schema refuses both, under each field.
  await rows.fill('-1');
  await form.getByRole('button', { name: 'Start run' }).click();
  await expect(source).toHaveAttribute('aria-invalid', 'true');
  await expect(source).toHaveAccessibleDescription(/source is required/);
  await expect(rows).toHaveAttribute('aria-invalid', 'true');
  await expect(rows).toHaveAccessibleDescription(/expected number to be >=0/);
  await expect(source).toBeFocused();
  await expect(page).toHaveURL(/\/pipelines\/hello-etl$/);
  await capture(page, 'field-errors');

  const key = unique('e2e-form');
  await source.fill(`${key}.csv`);
  await rows.fill('12');
  await form.getByLabel('Step delay (ms)').fill('500');
  await form.getByLabel('Idempotency key').fill(key);
  await form.getByRole('button', { name: 'Start run' }).click();

  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  const run = runPage(page);
  await expect(run.heading).toBeVisible();
  await expect(run.toasts.getByText(/^Run [0-9a-f]{8} started in extracting$/)).toBeVisible();
  // The worker moves the run along; the page follows without a reload.
  await expect(run.current('done')).toBeVisible({ timeout: 20_000 });
  await expect(run.drawing('done')).toBeVisible();
  await expect(page.locator('.diagram-canvas[data-rendered="true"]')).toBeVisible();
  await expect(run.status).toHaveText('succeeded');
  await expect(run.transition('step.load.done')).toContainText('loading → done');
  await expect(page.getByRole('region', { name: 'Details' })).toContainText(key);
  await capture(page, 'run-done');
});
