import { readFileSync } from 'node:fs';
import { openLive, runPage } from './console';
import { expect, test } from './fixtures';

/** The transform of the state's box in the viewport, e.g. `translate(10px, 4px) scale(0.8)`. */
const viewTransform = (page: import('@playwright/test').Page) =>
  page.locator('.diagram-content > div').evaluate((el) => (el as HTMLElement).style.transform);

test('a run diagram pans, zooms, replays the run with its retry, and exports', async ({
  page,
  context,
  request,
  seed,
  capture,
  unique,
}) => {
  const started = await seed.startRun('hello-etl', {
    source: `${unique('e2e-diagram')}.csv`,
    simulateFailures: 1,
    stepDelayMs: 0,
  });
  await seed.waitForRun(started.id, (r) => r.status === 'failed');
  expect(
    (await request.post(`/api/runs/${started.id}/retry`, { data: { reason: 'e2e replay' } })).status(),
  ).toBe(200);
  await seed.waitForRun(started.id, (r) => r.status === 'succeeded');

  await openLive(page, `/runs/${started.id}`);
  const run = runPage(page);
  await expect(run.drawing('done')).toBeVisible();
  await expect(page.locator('.diagram-canvas[data-rendered="true"]')).toBeVisible();
  const svg = page.locator('.diagram-content svg');
  const svgId = await svg.getAttribute('id');
  const box = (state: string) => page.locator(`[id^="${svgId}-state-${state}-"]`);
  await expect(box('done')).toHaveClass(/current/);
  await expect(box('extracting')).toHaveClass(/visited/);
  await capture(page, 'run-diagram');

  // Zoom: buttons, keyboard and wheel change the view; Fit shows it all; nothing is laid out again.
  const zoom = run.diagram
    .getByRole('status', { name: 'Zoom level' })
    .or(run.diagram.getByLabel('Zoom level'));
  const fitted = await zoom.textContent();
  await run.diagram.getByRole('button', { name: 'Zoom in' }).click();
  await expect(zoom).not.toHaveText(fitted ?? '');
  const viewport = run.diagram.getByRole('application', { name: /Diagram viewport/ });
  await viewport.focus();
  await page.keyboard.press('0');
  await expect(zoom).toHaveText(fitted ?? '');
  await page.keyboard.press('+');
  await page.keyboard.press('ArrowLeft');
  const moved = await viewTransform(page);
  await viewport.hover();
  await page.mouse.wheel(0, -300);
  await expect.poll(() => viewTransform(page)).not.toBe(moved);
  const bounds = (await viewport.boundingBox())!;
  const beforeDrag = await viewTransform(page);
  await page.mouse.move(bounds.x + 40, bounds.y + 40);
  await page.mouse.down();
  await page.mouse.move(bounds.x + 140, bounds.y + 90, { steps: 4 });
  await page.mouse.up();
  await expect.poll(() => viewTransform(page)).not.toBe(beforeDrag);
  // "Current state" centres the current state.
  await run.diagram.getByRole('button', { name: 'Current state' }).click();
  const done = (await box('done').boundingBox())!;
  const view = (await viewport.boundingBox())!;
  expect(Math.abs(done.x + done.width / 2 - (view.x + view.width / 2))).toBeLessThan(4);
  expect(Math.abs(done.y + done.height / 2 - (view.y + view.height / 2))).toBeLessThan(4);
  await run.diagram.getByRole('button', { name: 'Fit' }).click();

  // Replay: the same SVG, its classes toggled step by step; the retry re-enters transforming.
  const replay = run.diagram.getByRole('group', { name: "Replay the run's transitions" });
  await replay.getByRole('button', { name: 'Replay' }).click();
  await expect(replay.getByRole('status')).toContainText('Step 1 of');
  await expect(box('extracting')).toHaveClass(/current/);
  await expect(box('done')).not.toHaveClass(/current|visited/);
  await replay.getByRole('button', { name: 'Next step' }).click();
  await expect(box('transforming')).toHaveClass(/current/);
  await expect(box('extracting')).toHaveClass(/visited/);
  await replay.getByRole('button', { name: 'Play' }).click();
  await expect(replay.getByRole('status')).toContainText('entered transforming (2nd time)');
  await expect(box('transforming').locator('text.visit-count')).toHaveText('×2');
  await capture(page, 'replay-retry');
  await expect(replay.getByRole('status')).toContainText(/entered done$/);
  await expect(box('done')).toHaveClass(/current/);
  expect(await svg.getAttribute('id')).toBe(svgId);
  await replay.getByRole('button', { name: 'Live' }).click();

  // Export: Mermaid text with the path highlighted, SVG and PNG files.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await run.diagram.getByRole('button', { name: 'Copy Mermaid' }).click();
  await expect(run.toasts.getByText('Mermaid text copied')).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(/^stateDiagram-v2\n/);
  expect(copied).toContain('class done current');
  expect(copied).toContain('class extracting visited');
  const [svgDownload] = await Promise.all([
    page.waitForEvent('download'),
    run.diagram.getByRole('button', { name: 'Download SVG' }).click(),
  ]);
  expect(svgDownload.suggestedFilename()).toBe(`run-${started.id.slice(0, 8)}.svg`);
  const svgText = readFileSync((await svgDownload.path())!, 'utf8');
  expect(svgText.slice(0, 400)).toMatch(/^<svg[^>]*\swidth="\d+"[^>]*\sheight="\d+"/);
  expect(svgText.includes('>transforming<'), 'state label in the SVG').toBe(true);
  expect(svgText.includes('class="node current statediagram-state"'), 'done marked current').toBe(true);
  const [pngDownload] = await Promise.all([
    page.waitForEvent('download'),
    run.diagram.getByRole('button', { name: 'Download PNG' }).click(),
  ]);
  const png = readFileSync((await pngDownload.path())!);
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  expect(png.readUInt32BE(16)).toBeGreaterThan(200);
});
