import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { authConfig } from '../../../config/auth-config';
import { loadEnv } from '../../../config/env';
import { createAuth } from '../../../core/auth/create-auth';
import { createSystemActor } from '../../../core/auth/system-actor';
import { createUser } from '../../../core/auth/users/create-user';
import { createEngine } from '../../../core/engine';
import { silentLogger } from '../../../core/logger';
import { allPipelines } from '../../../pipelines/all-pipelines';
import type { ReadFixture } from '../../../test-support/console-reads';
import { chromiumExecutablePath } from '../../browser/find-chromium.mjs';
import { percentile } from '../stats';

export interface PageTiming {
  name: string;
  p50: number;
  p95: number;
}

const ROOT = join(import.meta.dirname, '..', '..', '..');
const SAMPLES = 7;

/**
 * The console's production build against the seeded database, an admin signed in, and each page
 * opened SAMPLES times (after one warm-up): time from navigation to its table's first row drawn.
 */
export async function timePagesInChromium(
  databaseUrl: string,
  fixture: ReadFixture,
  /** Saves each page as `<name>.png` here after timing it (to look at what was measured). */
  screenshotDir: string = join(ROOT, 'test-results', 'bench-console'),
): Promise<PageTiming[]> {
  // Build now when the sources changed since the last build: `signalbox console` would otherwise
  // build before it answers, and the wait below would time the build.
  const build = spawnSync(process.execPath, [join(ROOT, 'cli', 'signalbox.mjs'), 'build'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (build.status !== 0 || !existsSync(join(ROOT, '.next', 'standalone', 'server.js'))) {
    throw new Error('the console could not be built (`npm run build`), or pass --no-browser');
  }
  const home = mkdtempSync(join(tmpdir(), 'signalbox-console-bench-'));
  const port = await freePort();
  const env = {
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    SIGNALBOX_HOME: home,
    SIGNALBOX_AUTH_SECRET: randomBytes(24).toString('hex'),
    LOG_LEVEL: 'warn',
  };
  const server = spawn(process.execPath, [join(ROOT, 'cli', 'signalbox.mjs'), 'console'], {
    env: { ...process.env, ...env },
    stdio: 'ignore',
    detached: true,
  });
  const base = `http://127.0.0.1:${port}`;
  const engine = createEngine({
    database: databaseUrl,
    pipelines: allPipelines,
    logger: silentLogger,
    pool: { max: 2 },
  });
  const browser = await chromium.launch({
    executablePath: chromiumExecutablePath({ playwrightPath: () => chromium.executablePath() }),
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
    ],
  });
  try {
    await waitForHealth(base, server);
    const config = authConfig(loadEnv(env));
    const password = randomBytes(12).toString('hex');
    const email = 'bench-admin@example.test';
    await createUser(
      { engine, config, auth: createAuth(engine.db, config) },
      { email, role: 'admin', password },
      createSystemActor('bench'),
    );
    const signIn = await fetch(`${base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ email, password }),
    });
    if (signIn.status !== 204) throw new Error(`sign-in answered ${signIn.status}`);
    const cookies = signIn.headers.getSetCookie().map((line) => {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      return { name: pair!.slice(0, at), value: pair!.slice(at + 1), url: base };
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addCookies(cookies);
    const page = await context.newPage();
    const pages: [string, string][] = [
      ['overview', '/'],
      ['runs list', '/runs'],
      ['run page', `/runs/${fixture.runId}`],
      ['pipeline page', '/pipelines/lab-results-csv'],
      ['pipelines list', '/pipelines'],
    ];
    const timings: PageTiming[] = [];
    for (const [name, path] of pages) {
      const times: number[] = [];
      for (let round = -1; round < SAMPLES; round++) {
        const started = performance.now();
        await page.goto(`${base}${path}`, { waitUntil: 'commit' });
        await page.locator('table tbody tr').first().waitFor({ state: 'visible', timeout: 30_000 });
        if (round >= 0) times.push(performance.now() - started);
      }
      timings.push({ name, p50: percentile(times, 50), p95: percentile(times, 95) });
      await page.screenshot({
        path: join(screenshotDir, `${name.replace(/\W+/g, '-')}.png`),
        fullPage: true,
      });
    }
    return timings;
  } finally {
    await browser.close();
    await engine.close();
    stop(server);
    rmSync(home, { recursive: true, force: true });
  }
}

function stop(server: ChildProcess): void {
  if (server.pid && server.exitCode === null) {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

async function waitForHealth(base: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the console exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the console did not answer /api/health within 90 s');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
  });
}
