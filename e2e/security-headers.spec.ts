import { expect, test } from './fixtures';

/**
 * Issue 5, item 6: every response carries the security headers, and the console runs under its
 * nonce-based CSP without a single violation (Mermaid's diagram included).
 */
test('an admin browses the console under its CSP: headers present, no violation', async ({
  seed,
  signInAs,
  unique,
}) => {
  const run = await seed.startRun('hello-etl', { source: `${unique('e2e-csp')}.csv`, stepDelayMs: 0 });
  await seed.waitForRun(run.id);
  const { page } = await signInAs('admin');
  const messages: string[] = [];
  page.on('console', (message) => messages.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => messages.push(`pageerror: ${error.message}`));

  const overview = await page.goto('/');
  expect(overview?.status()).toBe(200);
  const headers = overview!.headers();
  const csp = headers['content-security-policy'] ?? '';
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toMatch(/script-src [^;]*'nonce-[A-Za-z0-9+/=]{16,}'/);
  expect(csp).not.toMatch(/script-src [^;]*'unsafe-inline'/);
  expect(csp).toContain("object-src 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBeTruthy();
  // The nonce is fresh on every response, and it is the one on the page's scripts.
  const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
  expect(await page.locator(`script[nonce]`).count()).toBeGreaterThan(0);
  const again = (await page.request.get('/')).headers()['content-security-policy'] ?? '';
  expect(again).not.toContain(nonce);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  await page.goto(`/runs/${run.id}`);
  await expect(page.locator('.diagram-canvas[data-rendered="true"]').first()).toBeVisible();

  await page.goto('/admin/audit');
  await expect(page.getByRole('region', { name: 'Audit events' })).toBeVisible();

  // The API answers carry them too.
  const api = (await page.request.get('/api/runs?limit=1')).headers();
  expect(api['x-content-type-options']).toBe('nosniff');
  expect(api['content-security-policy']).toContain("frame-ancestors 'none'");

  expect(
    messages.filter((m) => /content security policy|content-security-policy|refused to/i.test(m)),
  ).toEqual([]);
});
