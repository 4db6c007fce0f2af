import { startRuns } from '../core/runs/start-runs';
import { actor } from '../test-support/test-actors';
import { openLive } from './console';
import { expect, test } from './fixtures';

test('visual: background bulk retry', async ({ page, seed, capture, unique }) => {
  test.setTimeout(600_000);
  const prefix = unique('e2e-bulk');
  const results = await startRuns(
    seed.engine,
    {
      pipelineId: 'hello-etl',
      runs: Array.from({ length: 1_005 }, (_, i) => ({
        input: { source: `${prefix}.csv`, simulateFailures: 5, stepDelayMs: 0 },
        idempotencyKey: `${prefix}-${i}`,
      })),
    },
    actor('e2e-seed'),
  );
  await Promise.all(results.map((r) => seed.waitForRun(r.run.id)));
  await openLive(page, `/runs?q=${prefix}&status=failed`);
  await capture(page, 'bulk-many-failed');
  await page.getByRole('button', { name: /^Retry 1,005 failed/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Retry 1005 failed runs?' });
  await dialog.getByRole('textbox', { name: 'Reason' }).fill('source fixed');
  await capture(page, 'bulk-background-confirm');
  await dialog.getByRole('button', { name: 'Retry 1005 runs' }).click();
  await expect(page.getByRole('status', { name: 'Bulk retry progress' })).toBeVisible();
  await capture(page, 'bulk-background-progress');
  await expect(page.getByRole('status', { name: 'Bulk retry progress' })).toContainText('Retried 1,005 of 1,005', {
    timeout: 120_000,
  });
  await capture(page, 'bulk-background-done');
});
