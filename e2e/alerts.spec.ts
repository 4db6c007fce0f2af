import { verifyAlertSignature } from '../core/alerts/sign-alert';
import { AlertReceiver } from '../test-support/alert-receiver';
import { expect, test } from './fixtures';

test('an admin creates a webhook, sends a test alert, and sees it delivered in the log', async ({
  signInAs,
  capture,
  unique,
}) => {
  const receiver = await new AlertReceiver().up();
  try {
    const name = unique('on-call');
    const { page } = await signInAs('admin');
    await page.goto('/admin/webhooks');
    await expect(page.getByRole('heading', { level: 1, name: 'Alerts' })).toBeVisible();

    // The form says what is wrong before anything is stored.
    const form = page.getByRole('form', { name: 'New webhook' });
    if (!(await form.isVisible())) await page.getByRole('button', { name: 'New webhook' }).click();
    await form.getByLabel('Name').fill(name);
    await form.getByLabel('URL').fill(receiver.url);
    await form.getByRole('checkbox', { name: /^Problem opened/ }).uncheck();
    await form.getByRole('button', { name: 'Create webhook' }).click();
    await expect(form.getByText('choose at least one alert')).toBeVisible();
    await capture(page, 'alerts-form');

    await form.getByRole('checkbox', { name: /^Problem opened/ }).check();
    await form.getByRole('checkbox', { name: /^Run failed/ }).check();
    await form.getByRole('button', { name: 'Create webhook' }).click();
    const secretBox = page.getByRole('status', { name: 'Signing secret' });
    await expect(secretBox).toContainText('it will not be shown again');
    const secret = (await page.getByTestId('webhook-secret').textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);

    const row = page.getByRole('region', { name: 'Webhooks' }).getByRole('row').filter({ hasText: name });
    await expect(row).toContainText('Problem opened, Run failed');
    // The URL and the secret are not shown again: host and first characters only.
    await expect(row).toContainText(`http://127.0.0.1:${new URL(receiver.url).port}/…`);
    await expect(row).not.toContainText(secret);

    await row.getByRole('button', { name: `Send test to ${name}` }).click();
    const log = page.getByRole('table', { name: `Deliveries of ${name}` });
    const delivery = log.getByRole('row').filter({ hasText: `Test alert for webhook "${name}"` });
    await expect(delivery).toContainText('delivered', { timeout: 30_000 });
    await expect(delivery).toContainText('HTTP 200');

    const [alert] = receiver.ofKind('test');
    expect(alert!.json).toMatchObject({ kind: 'test', webhook: { name } });
    expect(verifyAlertSignature(secret, alert!.body, alert!.headers['signalbox-signature'] as string)).toBe(
      true,
    );
    await capture(page, 'alerts-test-delivered');

    // Edited without touching the URL: it stays (it is not shown, so it is not sent either).
    await row.getByRole('button', { name: `Edit ${name}` }).click();
    const edit = page.getByRole('form', { name: `Edit ${name}` });
    await expect(edit.getByLabel('URL')).toHaveValue('');
    await edit.getByLabel('Body').selectOption('slack');
    await edit.getByRole('checkbox', { name: /^Run failed/ }).uncheck();
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect(edit).toBeHidden();
    await expect(row).toContainText('Slack');
    await expect(row).not.toContainText('Run failed');
    await row.getByRole('button', { name: `Send test to ${name}` }).click();
    // Only the test alerts: other browser tests share the database, and their failing runs may
    // reach this webhook meanwhile (it takes failures of every pipeline).
    const tests = log.getByRole('row').filter({ hasText: `Test alert for webhook "${name}"` });
    await expect(tests.filter({ hasText: 'delivered' })).toHaveCount(2, { timeout: 30_000 });
    expect(receiver.ofKind('test')[1]!.json.text).toBe(`Test alert for webhook "${name}": it reaches you`);

    // Deleting asks first.
    await row.getByRole('button', { name: `Delete ${name}` }).click();
    await row.getByRole('button', { name: 'Confirm delete' }).click();
    await expect(row).toHaveCount(0);
    await expect(page.getByRole('table', { name: `Deliveries of ${name}` })).toHaveCount(0);
  } finally {
    await receiver.down();
  }
});
