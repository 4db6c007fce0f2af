import { describe, expect, it } from 'vitest';
import { ensureChromium, type InstallStep, installPlans } from './ensure-chromium.mjs';
import { chromiumExecutablePath, findChromium, NO_CHROMIUM_MESSAGE } from './find-chromium.mjs';

const PLAYWRIGHT_OWN = '/home/me/.cache/ms-playwright/chromium-1/chrome-linux64/chrome';

/** A machine described by the files on it; install steps may add files. */
function machineWith(files: string[], env: Record<string, string> = {}) {
  const disk = new Set(files);
  const find = () =>
    findChromium({ env, exists: (path) => disk.has(path), playwrightPath: () => PLAYWRIGHT_OWN });
  return { disk, find };
}

describe('findChromium', () => {
  it('takes PLAYWRIGHT_CHROMIUM_PATH first, and refuses a path with nothing there', () => {
    const env = { PLAYWRIGHT_CHROMIUM_PATH: '/opt/chrome/chrome' };
    expect(machineWith(['/opt/chrome/chrome', '/usr/bin/chromium'], env).find()).toEqual({
      path: '/opt/chrome/chrome',
      source: 'env',
    });
    expect(machineWith(['/usr/bin/chromium'], env).find()).toEqual({
      error: 'PLAYWRIGHT_CHROMIUM_PATH is /opt/chrome/chrome, but there is no file there',
    });
  });

  it.each([
    [['/usr/bin/chromium', '/usr/bin/google-chrome'], '/usr/bin/chromium'],
    [['/usr/bin/chromium-browser'], '/usr/bin/chromium-browser'],
    [['/usr/bin/google-chrome-stable', PLAYWRIGHT_OWN], '/usr/bin/google-chrome-stable'],
  ])('prefers a system browser: %j → %s', (files, expected) => {
    expect(machineWith(files).find()).toEqual({ path: expected, source: 'system' });
  });

  it("falls back to Playwright's own download, which Playwright finds by itself", () => {
    const exists = (path: string) => path === PLAYWRIGHT_OWN;
    expect(findChromium({ env: {}, exists, playwrightPath: () => PLAYWRIGHT_OWN })).toEqual({
      path: PLAYWRIGHT_OWN,
      source: 'playwright',
    });
    expect(chromiumExecutablePath({ env: {}, exists, playwrightPath: () => PLAYWRIGHT_OWN })).toBeUndefined();
    expect(
      findChromium({ env: {}, exists: () => false, playwrightPath: () => PLAYWRIGHT_OWN }),
    ).toBeUndefined();
  });
});

describe('ensureChromium', () => {
  const pwCli = '/repo/node_modules/.bin/playwright';

  function attempt(options: {
    files: string[];
    isRoot: boolean;
    hasApt?: boolean;
    playwrightCli?: string;
    /** What each install command would put on the disk; a command missing here fails. */
    installs?: Record<string, string>;
    broken?: string[];
    env?: Record<string, string>;
  }) {
    const { disk, find } = machineWith(options.files, options.env);
    const ran: string[] = [];
    const run = (step: InstallStep) => {
      ran.push(step.label);
      if (step.label === 'apt-get update') return true;
      const file = options.installs?.[step.label];
      if (file) disk.add(file);
      return file !== undefined;
    };
    const outcome = ensureChromium({
      machine: {
        isRoot: options.isRoot,
        hasApt: options.hasApt ?? true,
        playwrightCli: options.playwrightCli,
      },
      find,
      run,
      startsOk: (path) => !options.broken?.includes(path),
    });
    return { outcome, ran };
  }

  it('uses the browser that is there without installing anything', () => {
    const { outcome, ran } = attempt({ files: ['/usr/bin/chromium'], isRoot: true, playwrightCli: pwCli });
    expect(outcome).toEqual({ ok: true, path: '/usr/bin/chromium', source: 'system' });
    expect(ran).toEqual([]);
  });

  it("installs with Playwright's installer when its download works", () => {
    const { outcome, ran } = attempt({
      files: [],
      isRoot: false,
      playwrightCli: pwCli,
      installs: { 'playwright install chromium': PLAYWRIGHT_OWN },
    });
    expect(outcome).toMatchObject({
      ok: true,
      path: PLAYWRIGHT_OWN,
      installedWith: 'npx playwright install chromium',
    });
    expect(ran).toEqual(['playwright install chromium']);
  });

  it("falls back to apt-get as root when Playwright's download is unreachable", () => {
    const { outcome, ran } = attempt({
      files: [],
      isRoot: true,
      playwrightCli: pwCli,
      installs: { 'apt-get install chromium': '/usr/bin/chromium' },
    });
    expect(outcome).toEqual({
      ok: true,
      path: '/usr/bin/chromium',
      source: 'system',
      installedWith: 'apt-get install chromium',
    });
    expect(ran).toEqual(['playwright install chromium', 'apt-get update', 'apt-get install chromium']);
  });

  it('stops with one message, without trying apt-get, when not root and nothing works', () => {
    const { outcome, ran } = attempt({ files: [], isRoot: false, playwrightCli: pwCli });
    expect(outcome).toEqual({ ok: false, message: NO_CHROMIUM_MESSAGE });
    expect(ran).toEqual(['playwright install chromium']);
  });

  it('says what is wrong with PLAYWRIGHT_CHROMIUM_PATH instead of installing another browser', () => {
    const { outcome, ran } = attempt({
      files: ['/usr/bin/chromium'],
      isRoot: true,
      playwrightCli: pwCli,
      env: { PLAYWRIGHT_CHROMIUM_PATH: '/nope/chrome' },
    });
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.message).toContain('PLAYWRIGHT_CHROMIUM_PATH is /nope/chrome');
    expect(ran).toEqual([]);
  });

  it('replaces a browser that is there but does not start', () => {
    const { outcome } = attempt({
      files: ['/usr/bin/chromium-browser'],
      isRoot: false,
      playwrightCli: pwCli,
      broken: ['/usr/bin/chromium-browser'],
      installs: { 'playwright install chromium': '/usr/bin/chromium' },
    });
    expect(outcome).toMatchObject({ ok: true, path: '/usr/bin/chromium' });
  });

  it('has no plan without Playwright installed, root or apt-get', () => {
    expect(installPlans({ isRoot: false, hasApt: true, playwrightCli: undefined })).toEqual([]);
    expect(installPlans({ isRoot: true, hasApt: false, playwrightCli: undefined })).toEqual([]);
  });
});

describe('playwright.config.ts', () => {
  it('launches the browser that npm test found', async () => {
    const { default: config } = await import('../../playwright.config');
    expect(config.use?.launchOptions?.executablePath).toBe(chromiumExecutablePath());
  });
});
