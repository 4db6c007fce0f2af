import { openLive, runPage } from './console';
import { expect, test } from './fixtures';

test.use({ colorScheme: 'light' });

test('the theme toggle switches to dark mode and the choice survives a reload', async ({
  page,
  seed,
  capture,
  unique,
}) => {
  const started = await seed.startRun('hello-etl', { source: `${unique('e2e-theme')}.csv`, stepDelayMs: 0 });
  await seed.waitForRun(started.id);

  await page.goto(`/runs/${started.id}`);
  const theme = () => page.evaluate(() => document.documentElement.dataset.theme ?? 'system');
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(await theme()).toBe('system');
  const lightBackground = await background();
  const light = page.getByRole('button', { name: 'Theme: System. Switch to Light' });
  await light.click();
  await page.getByRole('button', { name: 'Theme: Light. Switch to Dark' }).click();
  await expect(page.getByRole('button', { name: 'Theme: Dark. Switch to System' })).toBeVisible();
  await expect.poll(theme).toBe('dark');
  await expect.poll(background).not.toBe(lightBackground);
  const dark = await background();
  await expect(runPage(page).current('done')).toBeVisible();
  await capture(page, 'run-dark');

  await page.reload();
  expect(await theme()).toBe('dark');
  await expect(page.getByRole('button', { name: 'Theme: Dark. Switch to System' })).toBeVisible();
  expect(await background()).toBe(dark);
  await page.goto('/runs');
  await capture(page, 'runs-dark');
  await page.goto('/');
  await capture(page, 'overview-dark');

  await page.getByRole('button', { name: 'Theme: Dark. Switch to System' }).click();
  await expect.poll(theme).toBe('system');
  await expect.poll(background).toBe(lightBackground);
});

test('keyboard: skip link, and a confirmation dialog opened, filled and closed without a mouse', async ({
  page,
  seed,
  capture,
  unique,
}) => {
  const started = await seed.startRun('document-review', {
    documentId: unique('e2e-keyboard'),
    title: 'Keyboard',
    stepDelayMs: 0,
  });
  await seed.waitForRun(started.id, (r) => r.state === 'awaiting_approval');
  await openLive(page, `/runs/${started.id}`);

  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();

  // Tab through the sidebar and the header to the first action.
  const approve = page.getByRole('button', { name: 'Send approve' });
  for (let presses = 0; presses < 30; presses += 1) {
    if (await approve.evaluate((element) => element === document.activeElement)) break;
    await page.keyboard.press('Tab');
  }
  await expect(approve).toBeFocused();

  // Enter opens the dialog with the reason focused; Escape closes it and focus returns to the button.
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Send approve?' });
  await expect(dialog).toBeVisible();
  const reason = dialog.getByRole('textbox', { name: 'Reason' });
  await expect(reason).toBeFocused();
  await page.keyboard.type('checked by keyboard');
  await capture(page, 'dialog-by-keyboard');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(approve).toBeFocused();

  // Space opens it again; Tab reaches Back, which closes it; nothing was sent. (Pressed on the
  // button itself: a live update may re-render the page between the focus check and the key.)
  await approve.press('Space');
  await expect(dialog).toBeVisible();
  await expect(reason).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('textbox', { name: 'Payload (optional JSON object)' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Back' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();

  // Then for real: Space, type the reason, Tab to Confirm approve, Enter.
  await approve.press('Space');
  await page.keyboard.type('approved by keyboard');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Confirm approve' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(runPage(page).toasts.getByText(/^approve sent/)).toBeVisible();
  await expect(runPage(page).current('published')).toBeVisible();
});
