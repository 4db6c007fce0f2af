import { openLive, runPage } from './console';
import { expect, test } from './fixtures';

test('a failed run is forked from its failed state with an edited context; both runs link each other', async ({
  page,
  seed,
  capture,
  unique,
}) => {
  const original = await seed.startRun('hello-etl', {
    source: `${unique('e2e-fork')}.csv`,
    rows: 12,
    simulateFailures: 1,
    stepDelayMs: 0,
  });
  await seed.waitForRun(original.id, (r) => r.status === 'failed');

  await openLive(page, `/runs/${original.id}`);
  await expect(page.getByRole('button', { name: 'Fork from version 2 (transforming)' })).toBeVisible();
  await page.getByRole('button', { name: 'Fork…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Fork this run' });
  await expect(dialog.getByRole('combobox', { name: 'Start from' })).toHaveValue('s:transforming');
  const editor = dialog.getByRole('textbox', { name: 'Context (JSON)' });
  await expect(editor).toHaveValue(/"transformFailures": 0/);
  await expect(
    dialog.getByText('No changes: the fork starts with the context the run had there.'),
  ).toBeVisible();

  // Not JSON: said at once, and the fork cannot start.
  await editor.fill('{"transformFailures": ');
  await expect(dialog.getByText(/^Not valid JSON/)).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Start the fork' })).toBeDisabled();

  await editor.fill(
    JSON.stringify(
      { source: 'edited.csv', extracted: 12, transformed: 0, loaded: 0, transformFailures: 1 },
      null,
      2,
    ),
  );
  const diff = dialog.getByRole('table', { name: 'Context diff: original and edited' });
  await expect(diff).toBeVisible();
  await expect(diff.getByRole('row').filter({ hasText: '"transformFailures": 1' })).toContainText(
    '"transformFailures": 0',
  );
  await expect(dialog.getByText('2 changed lines')).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Reason' }).fill('the transform failure was simulated');
  await capture(page, 'fork-dialog-diff');
  await dialog.getByRole('button', { name: 'Start the fork' }).click();

  await expect(page).not.toHaveURL(new RegExp(original.id));
  const forkId = page.url().split('/runs/')[1]!;
  const fork = runPage(page);
  const lineage = page.getByRole('region', { name: 'Forks' });
  await expect(lineage.getByText(/Forked from run/)).toContainText('at version');
  await expect(lineage.getByText(/Forked from run/)).toContainText('began in transforming');
  await expect(fork.status).toHaveText('succeeded');
  await expect(fork.transition('signalbox.fork')).toContainText('∅ → transforming');
  await expect(fork.diagram.getByText(/forked here/)).toBeVisible();
  await page.getByRole('region', { name: 'Data' }).getByText('Context', { exact: true }).click();
  await expect(page.getByRole('region', { name: 'Data' }).getByText('"source": "edited.csv"')).toBeVisible();
  await capture(page, 'fork-succeeded');

  await lineage.getByRole('link', { name: original.id.slice(0, 8) }).click();
  await expect(page).toHaveURL(new RegExp(`/runs/${original.id}$`));
  const forks = page.getByRole('list', { name: 'Runs forked from this one' });
  await expect(forks.getByRole('link', { name: forkId.slice(0, 8) })).toBeVisible();
  await expect(forks).toContainText('succeeded');
  await expect(runPage(page).status).toHaveText('failed');
  await capture(page, 'original-lists-its-fork');
});

test('a pending approval timer is shown with its exact time and fired now by an operator', async ({
  page,
  seed,
  capture,
  unique,
}) => {
  const started = await seed.startRun('document-review', {
    documentId: unique('e2e-timer'),
    title: 'Expiring approval',
    stepDelayMs: 0,
  });
  await seed.waitForRun(started.id, (r) => r.state === 'awaiting_approval');

  await openLive(page, `/runs/${started.id}`);
  const timers = page.getByRole('region', { name: 'Timers' });
  const timer = timers.getByRole('listitem', { name: 'Timer after approvalTimeout (48h)' });
  await expect(timer).toContainText('awaiting_approval');
  await expect(timer).toContainText('expired');
  await expect(timer).toContainText(/expires in 4[78]h/);
  await expect(timer.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);
  await capture(page, 'timer-pending');

  await timer.getByRole('button', { name: 'Fire now' }).click();
  const dialog = page.getByRole('dialog', { name: 'Fire this timer now?' });
  await dialog.getByRole('textbox', { name: 'Reason' }).fill('the reviewer left the company');
  await dialog.getByRole('button', { name: 'Fire now' }).click();
  const run = runPage(page);
  await expect(run.toasts.getByText('Timer fired: the run is now in expired')).toBeVisible();
  await expect(run.status).toHaveText('failed');
  await expect(run.current('expired')).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'timed out after approvalTimeout' })).toBeVisible();
  await expect(timers).toBeHidden();
  await capture(page, 'timer-fired');
});

test('an approval expires while its page is open', async ({ page, seed, capture, unique }) => {
  const started = await seed.startRun('document-review', {
    documentId: unique('e2e-expire'),
    title: 'Short approval',
    stepDelayMs: 0,
    approvalTimeoutMs: 15_000,
  });
  await seed.waitForRun(started.id, (r) => r.state === 'awaiting_approval');
  await openLive(page, `/runs/${started.id}`);
  await expect(page.getByRole('region', { name: 'Timers' })).toContainText('after approvalTimeout (15 s)');
  const run = runPage(page);
  await expect(run.current('expired')).toBeVisible({ timeout: 30_000 });
  await expect(run.status).toHaveText('failed');
  await expect(run.transition('after approvalTimeout')).toContainText('awaiting_approval → expired');
  await capture(page, 'approval-expired');
});
