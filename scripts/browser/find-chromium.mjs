// @ts-check
// Which Chromium the browser tests drive. Shared by `npm test` (scripts/test.mjs) and
// playwright.config.ts, so both always agree. Plain JavaScript: test.mjs runs before any TypeScript.
import { existsSync } from 'node:fs';

/** Usual homes of a system Chromium or Chrome, tried in this order. */
export const SYSTEM_CHROMIUM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/**
 * @typedef {{ path: string; source: 'env' | 'system' | 'playwright' }} FoundChromium
 * @typedef {{ error: string }} ChromiumProblem
 * @typedef {{
 *   env?: Record<string, string | undefined>;
 *   exists?: (path: string) => boolean;
 *   playwrightPath?: () => string | undefined;
 * }} FindOptions
 */

/**
 * `PLAYWRIGHT_CHROMIUM_PATH` when set (an error if nothing is there: a typo must not silently pick
 * another browser), else the first system Chromium, else Playwright's own download if present.
 * Undefined when there is none.
 * @param {FindOptions} [options]
 * @returns {FoundChromium | ChromiumProblem | undefined}
 */
export function findChromium(options = {}) {
  const env = options.env ?? process.env;
  const exists = options.exists ?? existsSync;
  const override = env.PLAYWRIGHT_CHROMIUM_PATH;
  if (override) {
    return exists(override)
      ? { path: override, source: 'env' }
      : { error: `PLAYWRIGHT_CHROMIUM_PATH is ${override}, but there is no file there` };
  }
  const system = SYSTEM_CHROMIUM_PATHS.find((path) => exists(path));
  if (system) return { path: system, source: 'system' };
  const own = options.playwrightPath ? options.playwrightPath() : undefined;
  if (own && exists(own)) return { path: own, source: 'playwright' };
  return undefined;
}

/**
 * The `executablePath` for Playwright's launch options: undefined lets Playwright use its own
 * download (or report that it is missing, which `npm test` checks beforehand).
 * @param {FindOptions} [options]
 * @returns {string | undefined}
 */
export function chromiumExecutablePath(options = {}) {
  const found = findChromium(options);
  return found && 'path' in found && found.source !== 'playwright' ? found.path : undefined;
}

/** The one message `npm test` prints when it has no browser and could not install one. */
export const NO_CHROMIUM_MESSAGE = [
  'The browser tests need Chromium, and none was found or could be installed here. Install one of:',
  '  npx playwright install chromium      Playwright’s own build (needs its download site)',
  '  sudo apt-get install chromium        Debian/Ubuntu (or your distribution’s chromium package)',
  'or point PLAYWRIGHT_CHROMIUM_PATH at a Chromium or Chrome binary, then run `npm test` again.',
].join('\n');
