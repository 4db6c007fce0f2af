import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';
import { authConfig } from '../../config/auth-config';
import { loadEnv } from '../../config/env';
import { createAuth } from '../../core/auth/create-auth';
import { createSystemActor } from '../../core/auth/system-actor';
import { createUser } from '../../core/auth/users/create-user';
import { createEngine } from '../../core/engine';
import { silentLogger } from '../../core/logger';
import { allPipelines } from '../../pipelines/all-pipelines';
import { chromiumExecutablePath } from '../browser/find-chromium.mjs';

const ROOT = join(import.meta.dirname, '..', '..');

export interface BenchConsole {
  base: string;
  /** The `signalbox console` process (its process group holds the server). */
  pid: number;
  /** An admin's session cookies, as `name=value` pairs. */
  cookies: { name: string; value: string }[];
  stop(): Promise<void>;
}

/**
 * The console's production build (built now if the sources changed) as `signalbox console` against
 * `databaseUrl`, on a free port, with an admin signed in: for the benchmarks that measure it.
 */
export async function startBenchConsole(databaseUrl: string): Promise<BenchConsole> {
  // `signalbox console` would otherwise build before it answers, and the wait would time the build.
  const build = spawnSync(process.execPath, [join(ROOT, 'cli', 'signalbox.mjs'), 'build'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (build.status !== 0 || !existsSync(join(ROOT, '.next', 'standalone', 'server.js'))) {
    throw new Error('the console could not be built (`npm run build`)');
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
  const stop = async () => {
    stopGroup(server);
    rmSync(home, { recursive: true, force: true });
  };
  try {
    await waitForHealth(base, server);
    const engine = createEngine({
      database: databaseUrl,
      pipelines: allPipelines,
      logger: silentLogger,
      pool: { max: 1 },
    });
    const config = authConfig(loadEnv(env));
    const password = randomBytes(12).toString('hex');
    const email = 'bench-admin@example.test';
    try {
      await createUser(
        { engine, config, auth: createAuth(engine.db, config) },
        { email, role: 'admin', password },
        createSystemActor('bench'),
      );
    } finally {
      await engine.close();
    }
    const signIn = await fetch(`${base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ email, password }),
    });
    if (signIn.status !== 204) throw new Error(`sign-in answered ${signIn.status}`);
    const cookies = signIn.headers.getSetCookie().map((line) => {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      return { name: pair!.slice(0, at), value: pair!.slice(at + 1) };
    });
    return { base, pid: server.pid!, cookies, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Headless Chromium for the benchmarks that open the console: the browser `npm test` uses. */
export function launchBenchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumExecutablePath({ playwrightPath: () => chromium.executablePath() }),
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
    ],
  });
}

/** A fresh browser profile at 1280 × 800, signed in to `server` as its admin. */
export async function signedInProfile(browser: Browser, server: BenchConsole): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addCookies(server.cookies.map((c) => ({ ...c, url: server.base })));
  return context;
}

function stopGroup(server: ChildProcess): void {
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
