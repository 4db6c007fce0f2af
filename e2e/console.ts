import { expect, type Page } from '@playwright/test';

/**
 * Opens a console page and waits until its live stream is connected ("Live" in the sidebar). Run changes
 * committed before that moment are not pushed to the page, so tests that expect live updates (or act
 * and then watch the worker's transitions) start from here.
 */
export async function openLive(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await expect(page.getByRole('status').filter({ hasText: /^Live$/ })).toBeVisible();
}

/** The run page's parts, by their accessible names. */
export function runPage(page: Page) {
  const diagram = page.getByRole('region', { name: 'State diagram' });
  const attempts = page.getByRole('region', { name: 'Step attempts' });
  return {
    heading: page.getByRole('heading', { level: 1, name: /^Run [0-9a-f]{8}$/ }),
    diagram,
    /** The caption under the diagram, e.g. "Current: done" (with "· Failed: …" after it when failed). */
    current: (state: string) => diagram.getByText(new RegExp(`^Current: ${state}\\b`)),
    /** The drawn diagram, named with the current, failed and visited states. */
    drawing: (state: string) => diagram.getByRole('img', { name: new RegExp(`Current: ${state}\\.`) }),
    /** The run's status: the first fact of the Details panel. */
    status: page.getByRole('region', { name: 'Details' }).getByRole('definition').first(),
    transitions: page.getByRole('region', { name: 'Transitions' }),
    transition: (event: string) =>
      page
        .getByRole('region', { name: 'Transitions' })
        .getByRole('row')
        .filter({ has: page.getByText(event, { exact: true }) }),
    attempts,
    /** One step attempt, by its heading, e.g. `transform #2`. */
    attempt: (name: string) =>
      attempts
        .getByRole('listitem')
        .filter({ has: page.getByRole('heading', { name: new RegExp(`${name}$`) }) }),
    toasts: page.getByRole('region', { name: /Notifications/ }),
  };
}
