import { readFile } from 'node:fs/promises';
import { badRowCount, generateLabCsv } from '../pipelines/lab-results-csv/synthetic-lab-csv';
import { expect, test } from './fixtures';

const ROWS = 60;
const BAD_SHARE = 0.2;

test('a lab CSV with too many bad rows is uploaded, reviewed with its quarantine, exported and approved', async ({
  page,
  seed,
}, testInfo) => {
  // Synthetic rows from a fixed seed. The same content uploaded again opens its first run, so a retry
  // or a repeat (same database) uploads other patients' rows.
  const attempt = testInfo.repeatEachIndex * 10 + testInfo.retry;
  const csv = generateLabCsv({
    seed: 41,
    rows: ROWS,
    badShare: BAD_SHARE,
    firstPatient: 7001 + attempt * 100,
  });
  const bad = badRowCount(ROWS, BAD_SHARE);
  const fileName = `e2e-review-${attempt}.csv`;

  // Upload from the pipeline page: the console opens the new run.
  await page.goto('/pipelines/lab-results-csv');
  const upload = page.getByRole('form', { name: 'Upload file' });
  await upload.getByRole('button', { name: 'Upload' }).click();
  await expect(upload.getByRole('alert')).toHaveText('Choose a file to upload.');
  await upload
    .getByLabel('File')
    .setInputFiles({ name: fileName, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await upload.getByRole('button', { name: 'Upload' }).click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  const runId = page.url().split('/').pop()!;

  // Validation quarantines a fifth of the rows, above the 5 % threshold: the run waits for review,
  // and the counts and the threshold are on the page next to the approve and reject buttons.
  await seed.waitForRun(runId, (run) => run.state === 'awaiting_review');
  const ingestion = page.getByRole('region', { name: 'Ingestion' });
  await expect(ingestion.getByRole('status')).toContainText('Waiting for review.');
  await expect(ingestion).toContainText(fileName);
  const count = (label: string) =>
    ingestion
      .getByRole('term')
      .filter({ hasText: new RegExp(`^${label}$`) })
      .locator('xpath=following-sibling::dd[1]');
  await expect(count('Received')).toHaveText(String(ROWS));
  await expect(count('Valid')).toHaveText(String(ROWS - bad));
  await expect(count('Quarantined')).toHaveText(String(bad));
  await expect(count('Loaded')).toHaveText('0');
  await expect(
    ingestion.getByRole('img', { name: '20 % quarantined against a review threshold of 5 %' }),
  ).toBeVisible();
  await expect(ingestion.getByText('above the threshold')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Send approve' })).toBeEnabled();
  await expect(page.getByRole('button', { name: 'Send reject' })).toBeEnabled();

  // The quarantine lists every bad row, without its values until asked.
  const quarantine = page.getByRole('region', { name: 'Quarantined records' });
  const table = quarantine.getByRole('table', { name: 'Quarantined records' });
  const rows = table.getByRole('row').filter({ has: page.getByRole('cell') });
  await expect(rows).toHaveCount(bad);
  await expect(table.getByRole('cell', { name: 'expected 6 fields, found 7' })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'Raw value' })).toHaveCount(0);
  await quarantine.getByRole('checkbox', { name: 'Show values' }).check();
  await expect(table.getByRole('columnheader', { name: 'Raw value' })).toBeVisible();
  await expect(rows.first().getByRole('cell').last()).not.toBeEmpty();
  const listed = await Promise.all(
    (await rows.all()).map((row) => row.getByRole('cell').first().textContent()),
  );
  await quarantine.getByRole('checkbox', { name: 'Show values' }).uncheck();
  await expect(table.getByRole('columnheader', { name: 'Raw value' })).toHaveCount(0);

  await expect(
    page
      .getByRole('region', { name: 'State diagram' })
      .getByRole('img', { name: /Current: awaiting_review\./ }),
  ).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('ingestion-run.png'), fullPage: true });

  // Export CSV downloads the same records, with a header.
  const downloading = page.waitForEvent('download');
  await quarantine.getByRole('link', { name: 'Export CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`quarantine-${runId.slice(0, 8)}.csv`);
  const lines = (await readFile(await download.path(), 'utf8')).trimEnd().split('\r\n');
  expect(lines[0]).toBe('record,line,field,reason,stage,raw_value');
  expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(listed);
  expect(lines).toHaveLength(bad + 1);

  // Approve: the valid rows are loaded and the run completes.
  await page.getByRole('button', { name: 'Send approve' }).click();
  const dialog = page.getByRole('dialog', { name: 'Send approve?' });
  await dialog.getByRole('textbox', { name: 'Reason' }).fill('known lab export issue');
  await dialog.getByRole('button', { name: 'Confirm approve' }).click();
  await expect(dialog).toBeHidden();
  await expect(
    page.getByRole('region', { name: 'Details' }).getByText('succeeded', { exact: true }),
  ).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Details' }).getByText('completed', { exact: true }),
  ).toBeVisible();
  await expect(count('Loaded')).toHaveText(String(ROWS - bad));
  await expect(count('Duplicates')).toHaveText('0');
  await expect(ingestion.getByRole('status')).toHaveCount(0);
  await expect(ingestion.getByText('approved', { exact: true })).toBeVisible();
});
