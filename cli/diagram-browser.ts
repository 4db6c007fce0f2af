import { join } from 'node:path';
import type { Plugin } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { chromiumExecutablePath } from '../scripts/browser/find-chromium.mjs';
import { CliError } from './context';

const root = join(import.meta.dirname, '..');
/** The console's diagram code on a bare page (see components/diagram/diagram-page-entry.ts). */
export const DIAGRAM_PAGE_ENTRY = join(root, 'components', 'diagram', 'diagram-page-entry.ts');

/** Mermaid's own prebuilt browser script: it defines `globalThis.mermaid`. */
const MERMAID_SCRIPT = join(root, 'node_modules', 'mermaid', 'dist', 'mermaid.min.js');

/** `import('mermaid')` in the bundle reads the global of Mermaid's prebuilt script, loaded first. */
const mermaidGlobal: Plugin = {
  name: 'mermaid-global',
  setup(builder) {
    builder.onResolve({ filter: /^mermaid$/ }, () => ({ path: 'mermaid', namespace: 'mermaid-global' }));
    builder.onLoad({ filter: /.*/, namespace: 'mermaid-global' }, () => ({
      contents: 'export default globalThis.mermaid;',
      loader: 'js',
    }));
  },
};

const bundles = new Map<string, Promise<string>>();

/**
 * Bundles a browser entry into one script, once per process: our code and the ELK layout; Mermaid
 * itself comes from its prebuilt script (bundling it again would take many seconds).
 */
export function diagramBundle(entry = DIAGRAM_PAGE_ENTRY): Promise<string> {
  let bundle = bundles.get(entry);
  if (!bundle) {
    // Loaded here, not at the top: every other CLI command (start, worker) goes without it.
    bundle = import('esbuild')
      .then(({ build }) =>
        build({
          entryPoints: [entry],
          bundle: true,
          format: 'iife',
          platform: 'browser',
          minify: true,
          jsx: 'automatic',
          define: { 'process.env.NODE_ENV': '"production"' },
          write: false,
          logLevel: 'error',
          plugins: [mermaidGlobal],
        }),
      )
      .then((result) => result.outputFiles[0]?.text ?? '');
    bundles.set(entry, bundle);
  }
  return bundle;
}

/**
 * The browser the browser tests use (`PLAYWRIGHT_CHROMIUM_PATH`, else a system Chromium); undefined
 * lets Playwright use its own download.
 */
export function chromiumPath(): string | undefined {
  return chromiumExecutablePath();
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

export interface DiagramPage {
  page: Page;
  close(): Promise<void>;
}

/** A headless Chromium page with the diagram bundle loaded (`window.signalboxDiagram`). */
export async function openDiagramPage(
  options: { entry?: string; browser?: Browser; viewport?: { width: number; height: number } } = {},
): Promise<DiagramPage> {
  const { chromium } = await import('playwright-core');
  let browser = options.browser;
  const own = !browser;
  if (!browser) {
    try {
      browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
    } catch (error) {
      throw new CliError(
        `Chromium is needed to draw SVG/PNG and could not start (${(error as Error).message.split('\n')[0]}); ` +
          'install it (apt-get install chromium) or set PLAYWRIGHT_CHROMIUM_PATH',
      );
    }
  }
  const page = await browser.newPage({ viewport: options.viewport ?? { width: 1280, height: 800 } });
  await page.setContent(
    '<!doctype html><html><head><meta charset="utf-8"></head><body><div id="diagram"></div></body></html>',
  );
  await page.addScriptTag({ path: MERMAID_SCRIPT });
  await page.addScriptTag({ content: await diagramBundle(options.entry) });
  return {
    page,
    close: async () => {
      await page.close();
      if (own) await browser.close();
    },
  };
}
