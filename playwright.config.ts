import { join } from 'node:path';
import { defineConfig, chromium as playwrightChromium } from '@playwright/test';
import { chromiumExecutablePath } from './scripts/browser/find-chromium.mjs';

/** The browser tests run against the production build, with their own embedded PostgreSQL. */
export const E2E = {
  port: Number(process.env.E2E_PORT ?? 3100),
  pgPort: Number(process.env.E2E_PG_PORT ?? 54_339),
  home: join(import.meta.dirname, '.signalbox', 'e2e'),
  /** Everything the server (CLI, worker, console) writes, for tests that read the logs (no-payload-leaks). */
  serverLog: join(import.meta.dirname, 'test-results', 'e2e-server.log'),
  /** Turns on the console's /api/metrics for the health spec. */
  metricsToken: 'e2e-metrics-token-0123456789abcdef',
  get baseURL() {
    return `http://127.0.0.1:${this.port}`;
  },
};

// PLAYWRIGHT_CHROMIUM_PATH, else a system Chromium, else Playwright's own: the same choice `npm test`
// checked (and installed if needed) before starting, from the same module.
const chromium = chromiumExecutablePath({ playwrightPath: () => playwrightChromium.executablePath() });

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results/e2e',
  fullyParallel: true,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  // The longest journeys take 40-45 s on a 2-core machine that runs both browsers, the console, the
  // worker and PostgreSQL; each first diagram of a page load costs seconds there (docs/performance.md,
  // "Drawing and marking"). A slower CI machine must not turn that into a failure.
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${E2E.port}`,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--headless',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    // A fresh database every run; `start` builds the console first when the build is missing or stale.
    // Its output goes to test-results/e2e-server.log (look there when the server does not come up):
    // the marker test reads it. `exec` leaves node as the process Playwright signals on shutdown.
    command: `rm -rf "${E2E.home}" && mkdir -p "$(dirname "${E2E.serverLog}")" && exec node cli/signalbox.mjs start --no-seed > "${E2E.serverLog}" 2>&1`,
    url: `http://127.0.0.1:${E2E.port}/api/pipelines`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGINT', timeout: 20_000 },
    env: {
      SIGNALBOX_HOME: E2E.home,
      SIGNALBOX_PG_PORT: String(E2E.pgPort),
      PORT: String(E2E.port),
      HOST: '127.0.0.1',
      WORKER_CONCURRENCY: '4',
      LOG_FORMAT: 'json',
      // `info` (a long-running server's default): run and step logs too, for the marker test to search.
      LOG_LEVEL: 'info',
      DATABASE_URL: '',
      NEXT_TELEMETRY_DISABLED: '1',
      METRICS_TOKEN: E2E.metricsToken,
    },
  },
});
