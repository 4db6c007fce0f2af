import { expect, test } from './fixtures';

test.describe('signed out', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('the login page: a wrong password is refused, the right one signs in, sign-out ends it', async ({
    page,
    auth,
  }, testInfo) => {
    const account = await auth.createAccount('viewer');
    await page.goto('/runs');
    await expect(page).toHaveURL(/\/login\?next=%2Fruns/);
    await expect(page.getByRole('heading', { name: 'Sign in to Signalbox' })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('login.png'), fullPage: true });

    await page.getByLabel('Email').fill(account.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Wrong' })).toHaveText(
      'Wrong email or password, or the account is disabled.',
    );
    await page.screenshot({ path: testInfo.outputPath('login-refused.png'), fullPage: true });

    await page.getByLabel('Password').fill(account.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/runs$/);
    await expect(page.getByText(account.email)).toBeVisible();
    await expect(page.getByText('viewer', { exact: true })).toBeVisible();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login$/);
    await page.goto('/');
    await expect(page).toHaveURL(/\/login/);
  });

  test('the API answers 401 without a session', async ({ playwright }) => {
    const anonymous = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
    expect((await anonymous.get('/api/runs')).status()).toBe(401);
    expect((await anonymous.post('/api/runs', { data: {} })).status()).toBe(401);
    await anonymous.dispose();
  });
});

test('a viewer sees runs and diagrams but no payloads, and cannot retry', async ({
  seed,
  signInAs,
  unique,
}, testInfo) => {
  const started = await seed.startRun('hello-etl', {
    source: `${unique('e2e-viewer')}.csv`,
    simulateFailures: 1,
    stepDelayMs: 0,
  });
  await seed.waitForRun(started.id, (r) => r.status === 'failed');
  const { page } = await signInAs('viewer');

  await page.goto(`/runs/${started.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Run ${started.id.slice(0, 8)}`);
  await expect(page.getByRole('region', { name: 'State diagram' }).getByRole('img')).toBeVisible();
  await expect(page.getByText('Input and context are hidden for your role.')).toBeVisible();
  await expect(page.getByText('Logs hidden for your role.').first()).toBeVisible();
  await expect(page.getByText('simulated transform failure')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Retry', exact: true })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Users' })).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('viewer-run.png'), fullPage: true });

  const view = await page.request.get(`/api/runs/${started.id}`);
  expect(view.status()).toBe(200);
  expect(await view.json()).toMatchObject({ run: { input: null, context: null, payloadHidden: true } });
  const retry = await page.request.post(`/api/runs/${started.id}/retry`, { data: { reason: 'try' } });
  expect(retry.status()).toBe(403);
  expect((await page.request.get('/api/admin/tokens')).status()).toBe(403);
  const admin = await page.goto('/admin/users');
  expect(admin?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'Not for your role' })).toBeVisible();
});

test('an operator sees payloads and may retry', async ({ page, seed, unique }) => {
  const started = await seed.startRun('hello-etl', {
    source: `${unique('e2e-operator')}.csv`,
    simulateFailures: 1,
    stepDelayMs: 0,
  });
  await seed.waitForRun(started.id, (r) => r.status === 'failed');
  await page.goto(`/runs/${started.id}`);
  await expect(page.getByText('Input and context are hidden for your role.')).toHaveCount(0);
  await expect(page.getByText('simulated transform failure').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Retry', exact: true })).toBeEnabled();
  const view = await page.request.get(`/api/runs/${started.id}`);
  expect(await view.json()).toMatchObject({ run: { payloadHidden: false, input: { stepDelayMs: 0 } } });
});

test('mutations refuse a cross-site or null Origin and a non-JSON body', async ({ request }) => {
  const body = { pipelineId: 'hello-etl', input: { source: 'x.csv' } };
  const cross = await request.post('/api/runs', { data: body, headers: { origin: 'https://evil.example' } });
  expect(cross.status()).toBe(403);
  const opaque = await request.post('/api/runs', { data: body, headers: { origin: 'null' } });
  expect(opaque.status()).toBe(403);
  const form = await request.post('/api/runs', { form: { pipelineId: 'hello-etl' } });
  expect(form.status()).toBe(415);
});

test('an admin creates and revokes an API token in the console; the revoked token gets 401', async ({
  signInAs,
  playwright,
  unique,
}, testInfo) => {
  const { page } = await signInAs('admin');
  await page.goto('/admin/users');
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('admin-users.png'), fullPage: true });

  await page.getByRole('link', { name: 'API tokens' }).click();
  const name = unique('ci');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Role').selectOption('viewer');
  await page.getByRole('button', { name: 'Create token' }).click();
  const secret = (await page.getByTestId('new-token').textContent())?.trim() ?? '';
  expect(secret.length).toBeGreaterThan(20);
  await expect(page.getByRole('row').filter({ hasText: name })).toContainText('active');
  await page.screenshot({ path: testInfo.outputPath('admin-tokens.png'), fullPage: true });

  const api = await playwright.request.newContext({
    baseURL: test.info().project.use.baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${secret}` },
  });
  expect((await api.get('/api/runs')).status()).toBe(200);

  await page.getByRole('button', { name: `Revoke ${name}` }).click();
  await page.getByRole('button', { name: 'Confirm revoke' }).click();
  await expect(page.getByRole('row').filter({ hasText: name })).toContainText('revoked');
  expect((await api.get('/api/runs')).status()).toBe(401);
  await api.dispose();

  await page.getByRole('link', { name: 'Audit log' }).click();
  await page.getByLabel('Action').fill('token.revoke');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByRole('region', { name: 'Audit events' })).toContainText('token.revoke');
  await page.screenshot({ path: testInfo.outputPath('admin-audit.png'), fullPage: true });
});
