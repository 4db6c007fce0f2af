import { openLive, runPage } from './console';
import { expect, test } from './fixtures';

test('a failed run is retried from its page with a reason, and succeeds', async ({
  page,
  seed,
  auth,
  capture,
  unique,
}) => {
  const key = unique('e2e-retry');
  const started = await seed.startRun('hello-etl', {
    source: `${key}.csv`,
    simulateFailures: 1,
    stepDelayMs: 0,
  });
  await seed.waitForRun(started.id, (r) => r.status === 'failed');

  await openLive(page, `/runs/${started.id}`);
  const run = runPage(page);
  await expect(run.status).toHaveText('failed');
  await expect(run.current('failed')).toContainText('Failed: transforming');
  await expect(page.getByRole('alert').filter({ hasText: 'simulated transform failure' })).toBeVisible();
  await expect(run.attempt('transform #1')).toContainText('simulated transform failure');
  await expect(page.getByRole('button', { name: 'Cancel run' })).toBeEnabled();
  await capture(page, 'failed');

  // Signed in as the worker's operator: the audit trail and the timeline name them.
  const operator = auth.operator.email;

  await page.getByRole('button', { name: 'Retry', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Retry this run?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('The run goes back to transforming');
  // The reason is required: confirming without one keeps the dialog open.
  await dialog.getByRole('button', { name: 'Confirm retry' }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Reason' }).fill('upstream file fixed');
  await capture(page, 'retry-dialog');
  await dialog.getByRole('button', { name: 'Confirm retry' }).click();

  await expect(dialog).toBeHidden();
  await expect(run.toasts.getByText('Retry accepted: the run is back in transforming')).toBeVisible();
  await expect(run.current('done')).toBeVisible();
  await expect(run.status).toHaveText('succeeded');
  await expect(run.transition('signalbox.retry')).toContainText(operator);
  await expect(run.transition('signalbox.retry')).toContainText('failed → transforming');
  await expect(run.attempts.getByText('succeeded', { exact: true })).toHaveCount(3);
  await expect(page.getByRole('button', { name: 'Retry', exact: true })).toBeDisabled();
  await capture(page, 'retried-and-done');
});

test('a running run is cancelled from its page and its step attempt is aborted', async ({
  page,
  seed,
  capture,
  unique,
}) => {
  // The step sleeps 60 s (the most the input allows, and the step's own timeout): on a busy machine
  // the page's first diagram takes seconds, and the step must still be running when the cancel lands.
  const started = await seed.startRun('hello-etl', {
    source: `${unique('e2e-cancel')}.csv`,
    stepDelayMs: 60_000,
  });
  await seed.waitForAttempt(started.id, (a) => a.step === 'extract' && a.outcome === 'running');

  await openLive(page, `/runs/${started.id}`);
  const run = runPage(page);
  await expect(run.status).toHaveText('running');
  await expect(run.current('extracting')).toBeVisible();
  await expect(run.attempt('extract #1')).toContainText('still running');
  await expect(page.getByRole('button', { name: 'Retry', exact: true })).toBeDisabled();
  await capture(page, 'running');

  await page.getByRole('button', { name: 'Cancel run' }).click();
  const dialog = page.getByRole('dialog', { name: 'Cancel this run?' });
  await expect(dialog).toContainText('The run stops for good in extracting');
  await dialog.getByRole('textbox', { name: 'Reason' }).fill('wrong source file');
  await dialog.getByRole('button', { name: 'Confirm cancel' }).click();

  await expect(run.toasts.getByText('Run cancelled in extracting')).toBeVisible();
  await expect(run.status).toHaveText('cancelled');
  // The worker aborts the step it is running; ending the attempt sends a notice, and the page refreshes.
  await expect(run.attempt('extract #1').getByText('aborted', { exact: true })).toBeVisible();
  await expect(run.attempt('extract #1')).toContainText(/took \d/);
  await expect(run.transition('signalbox.cancel')).toContainText('extracting → extracting');
  await expect(page.getByRole('button', { name: 'Cancel run' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Retry', exact: true })).toBeDisabled();
  await capture(page, 'cancelled');

  const aborted = await seed.waitForAttempt(started.id, (a) => a.step === 'extract');
  expect(aborted.outcome).toBe('aborted');
});

test('an approval sent from the run page publishes the document', async ({ page, seed, capture, unique }) => {
  const documentId = unique('e2e-approve');
  const started = await seed.startRun('document-review', {
    documentId,
    title: 'Quarterly report',
    stepDelayMs: 0,
  });
  await seed.waitForRun(started.id, (r) => r.state === 'awaiting_approval');

  await openLive(page, `/runs/${started.id}`);
  const run = runPage(page);
  await expect(run.status).toHaveText('waiting');
  await expect(run.current('awaiting_approval')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Send approve' })).toBeEnabled();
  await expect(page.getByRole('button', { name: 'Send reject' })).toBeEnabled();
  await expect(page.getByRole('button', { name: 'Retry', exact: true })).toBeDisabled();
  await capture(page, 'awaiting-approval');

  await page.getByRole('button', { name: 'Send approve' }).click();
  const dialog = page.getByRole('dialog', { name: 'Send approve?' });
  await dialog.getByRole('textbox', { name: 'Reason' }).fill('totals checked');
  const payload = dialog.getByRole('textbox', { name: 'Payload (optional JSON object)' });
  await payload.fill('["not", "an object"]');
  await dialog.getByRole('button', { name: 'Confirm approve' }).click();
  await expect(payload).toHaveAccessibleDescription(/must be a JSON object/);
  await expect(dialog).toBeVisible();
  await payload.fill('{"reviewer": "Dana", "comment": "looks good"}');
  await dialog.getByRole('button', { name: 'Confirm approve' }).click();

  await expect(dialog).toBeHidden();
  await expect(run.toasts.getByText(/^approve sent: the run is now in publishing/)).toBeVisible();
  await expect(run.current('published')).toBeVisible();
  await expect(run.status).toHaveText('succeeded');
  await expect(run.transition('approve')).toContainText('awaiting_approval → publishing');
  await expect(page.getByRole('button', { name: 'Send approve' })).toBeDisabled();
  const data = page.getByRole('region', { name: 'Data' });
  await data.getByText('Context', { exact: true }).click();
  await expect(data.getByText('"reviewer": "Dana"')).toBeVisible();
  await capture(page, 'published');
});

test('two tabs act on the same run: the second is refused with a 409 that says what happened', async ({
  context,
  page,
  seed,
  capture,
  unique,
}) => {
  const started = await seed.startRun('document-review', {
    documentId: unique('e2e-conflict'),
    title: 'Two reviewers',
    stepDelayMs: 0,
  });
  await seed.waitForRun(started.id, (r) => r.state === 'awaiting_approval');

  const first = page;
  const second = await context.newPage();
  await openLive(first, `/runs/${started.id}`);
  await openLive(second, `/runs/${started.id}`);

  // The second reviewer opens "reject" and hesitates…
  await second.getByRole('button', { name: 'Send reject' }).click();
  const rejecting = second.getByRole('dialog', { name: 'Send reject?' });
  await rejecting.getByRole('textbox', { name: 'Reason' }).fill('numbers look off');

  // …while the first one approves.
  await first.getByRole('button', { name: 'Send approve' }).click();
  const approving = first.getByRole('dialog', { name: 'Send approve?' });
  await approving.getByRole('textbox', { name: 'Reason' }).fill('all good');
  await approving.getByRole('button', { name: 'Confirm approve' }).click();
  await expect(runPage(first).toasts.getByText(/^approve sent/)).toBeVisible();

  // The open dialog learns about it live, and confirming anyway is refused.
  await expect(rejecting.getByRole('status')).toContainText('This run changed while this dialog was open');
  await capture(second, 'dialog-warns');
  await rejecting.getByRole('button', { name: 'Confirm reject' }).click();

  const run = runPage(second);
  await expect(run.toasts.getByText('Refused: the run changed')).toBeVisible();
  await expect(second.getByRole('alert').filter({ hasText: 'This run changed' })).toHaveText(
    /This run changed: it is now in (publishing \(running\)|published \(succeeded\)); allowed: /,
  );
  await expect(run.current('published')).toBeVisible();
  await expect(run.transition('reject')).toHaveCount(0);
  await capture(second, 'conflict');
  await capture(first, 'winner');
});
