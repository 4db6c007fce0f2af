import { join } from 'node:path';
import type { ReadFixture } from '../../../test-support/console-reads';
import { launchBenchChromium, signedInProfile, startBenchConsole } from '../console-server';
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
  const server = await startBenchConsole(databaseUrl);
  const browser = await launchBenchChromium();
  try {
    const page = await (await signedInProfile(browser, server)).newPage();
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
        await page.goto(`${server.base}${path}`, { waitUntil: 'commit' });
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
    await server.stop();
  }
}
