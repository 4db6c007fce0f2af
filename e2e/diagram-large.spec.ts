import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { layoutSource } from '../core/diagram/highlight-classes';
import { diagramStateIds, toMermaid } from '../core/diagram/to-mermaid';
import { stagedMachine } from '../test-support/diagram-corpus/corpus-names-and-size';
import { openHarnessPage } from '../test-support/diagram-harness/harness-page';
import { layoutMetrics } from '../test-support/diagram-harness/layout-metrics';

// The console's diagram component (toolbar, pan and zoom, ELK layout) on a 42-state machine in a
// 1280 px window: it opens on the current state at a readable size, "Fit" shows it all, labels do
// not collide, and the view moves without a new layout.

test('a 42-state diagram is usable at 1280 px', async ({ browser }, testInfo) => {
  const diagram = await openHarnessPage({ browser, viewport: { width: 1280, height: 800 } });
  const page = diagram.page;
  await page.addStyleTag({ path: join(import.meta.dirname, '..', 'app', 'globals.css') });
  const machine = stagedMachine('forty-two', 5, 6);
  const ids = diagramStateIds(machine);
  expect(Object.keys(ids)).toHaveLength(42);
  const highlight = { current: ['stage3.step4'], visited: ['stage1.step1', 'stage2.step6', 'stage3.step3'] };
  await page.evaluate(
    ([source, i, h]) =>
      (
        globalThis as unknown as {
          mountDiagram(s: string, i: Record<string, string>, h: typeof highlight, w: number): void;
        }
      ).mountDiagram(source, i, h, 1200),
    [layoutSource(toMermaid(machine)), ids, highlight] as const,
  );
  await expect(page.locator('.diagram-canvas[data-rendered="true"]')).toBeVisible({ timeout: 60_000 });
  const viewport = page.getByRole('application', { name: /Diagram viewport/ });
  const svg = page.locator('.diagram-content svg');
  const svgId = (await svg.getAttribute('id')) ?? '';
  const current = page.locator(`[id^="${svgId}-state-stage3__step4-"]`);
  await expect(current).toHaveClass(/current/);

  // Too large to read when fitted: it opens on the current state, centred, at full size.
  const view = (await viewport.boundingBox())!;
  expect(view.width).toBeGreaterThan(1100);
  await expect
    .poll(async () => {
      const box = (await current.boundingBox())!;
      return Math.abs(box.x + box.width / 2 - (view.x + view.width / 2));
    })
    .toBeLessThan(4);
  const label = (await current.locator('text').first().boundingBox())!;
  expect(label.height).toBeGreaterThanOrEqual(12);
  await page.screenshot({ path: testInfo.outputPath('01-current-state.png') });

  // No edge label covers another label or a state, at any zoom.
  const metrics = layoutMetrics(await diagram.geometry(svgId));
  expect(metrics.labelOverlaps).toBe(0);
  expect(metrics.nodeOverlaps).toBe(0);
  expect(metrics.edgesThroughStates).toBe(0);

  // "Fit" shows the whole drawing inside the viewport.
  await page.getByRole('button', { name: 'Fit' }).click();
  const fitted = (await svg.boundingBox())!;
  expect(fitted.x).toBeGreaterThanOrEqual(view.x - 1);
  expect(fitted.y).toBeGreaterThanOrEqual(view.y - 1);
  expect(fitted.x + fitted.width).toBeLessThanOrEqual(view.x + view.width + 1);
  expect(fitted.y + fitted.height).toBeLessThanOrEqual(view.y + view.height + 1);
  await page.screenshot({ path: testInfo.outputPath('02-fit.png') });

  // The keyboard zooms and pans; "f" comes back to the current state; the drawing is the same SVG.
  await viewport.focus();
  await page.keyboard.press('+');
  const zoomed = (await svg.boundingBox())!;
  expect(zoomed.width).toBeGreaterThan(fitted.width * 1.2);
  await page.keyboard.press('f');
  const box = (await current.boundingBox())!;
  expect(Math.abs(box.y + box.height / 2 - (view.y + view.height / 2))).toBeLessThan(4);
  expect(await svg.getAttribute('id')).toBe(svgId);
  await diagram.close();
});
