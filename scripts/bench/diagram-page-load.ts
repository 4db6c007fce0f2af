// How long the console's pages take to show their diagram, in Chromium against the production build:
// a pipeline page opened in a fresh browser profile (nothing drawn before: Mermaid and ELK load, then
// lay the diagram out), and the same page loaded again in that profile (a reload, a new tab, a link
// followed from another page). Time from navigation to the diagram drawn. Asserts nothing.
// Usage: npm run bench:diagram-page-load -- [--runs 7] [--pipeline lab-results-csv]
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { launchBenchChromium, signedInProfile, startBenchConsole } from './console-server';
import { freshCluster } from './fresh-cluster';
import { percentile } from './stats';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '7' },
    pipeline: { type: 'string', default: 'lab-results-csv' },
  },
});
const RUNS = Number(values.runs);

const cluster = await freshCluster('signalbox-diagram-page-bench');
const server = await startBenchConsole(await cluster.database('signalbox'));
const browser = await launchBenchChromium();

/** Milliseconds from navigation to the page's diagram drawn. */
async function timeDrawn(page: Page, url: string): Promise<number> {
  const started = performance.now();
  await page.goto(url, { waitUntil: 'commit' });
  await page.locator('.diagram-canvas[data-rendered="true"]').waitFor({ timeout: 60_000 });
  return performance.now() - started;
}

try {
  const url = `${server.base}/pipelines/${values.pipeline}`;
  const first: number[] = [];
  const again: number[] = [];
  // One warm-up profile first: the server's first answers compile its routes.
  for (let round = -1; round < RUNS; round++) {
    const context = await signedInProfile(browser, server);
    const page = await context.newPage();
    const cold = await timeDrawn(page, url);
    const warm = await timeDrawn(page, url);
    await context.close();
    if (round < 0) continue;
    first.push(cold);
    again.push(warm);
  }
  const line = (name: string, times: number[]) =>
    `${name.padEnd(44)} p50 ${percentile(times, 50).toFixed(0).padStart(5)} ms   p90 ${percentile(times, 90).toFixed(0).padStart(5)} ms`;
  console.log(`/pipelines/${values.pipeline}, ${RUNS} browser profiles, navigation → diagram drawn`);
  console.log(line('first visit (fresh profile)', first));
  console.log(line('loaded again in the same profile', again));
} finally {
  await browser.close();
  await server.stop();
  await cluster.server.stop();
}
