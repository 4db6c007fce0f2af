import type { Mermaid, MermaidConfig } from 'mermaid';
import { DRAWINGS_STORAGE_KEY, DrawingCache } from './drawing-cache';

export type DiagramLayout = 'dagre' | 'elk';
export type DiagramTheme = 'light' | 'dark';

/**
 * The console's layout engine. ELK won on the diagram corpus (fewer edge crossings, no label
 * overlaps, edges between a compound state and its own states drawn with length): see the
 * "Diagrams" section of docs/performance.md. `signalbox diagram` writes plain Mermaid, which GitHub
 * draws with Mermaid's default (dagre).
 */
export const CONSOLE_LAYOUT: DiagramLayout = 'elk';

/** Mermaid's "base" theme in the console's colours (the highlight classes bring their own). */
const THEME_VARIABLES = {
  light: {
    darkMode: false,
    fontSize: '13px',
    background: '#ffffff',
    primaryColor: '#f3f5f8',
    primaryBorderColor: '#9aa3af',
    primaryTextColor: '#161a1f',
    secondaryColor: '#f7f8fa',
    tertiaryColor: '#f7f8fa',
    lineColor: '#7b8594',
    textColor: '#161a1f',
    edgeLabelBackground: '#ffffff',
    clusterBkg: '#f7f8fa',
    clusterBorder: '#c9ced7',
  },
  dark: {
    darkMode: true,
    fontSize: '13px',
    background: '#15181e',
    primaryColor: '#20252d',
    primaryBorderColor: '#56606e',
    primaryTextColor: '#e4e7ec',
    secondaryColor: '#1b1f26',
    tertiaryColor: '#1b1f26',
    lineColor: '#8b939f',
    textColor: '#e4e7ec',
    edgeLabelBackground: '#15181e',
    clusterBkg: '#1b1f26',
    clusterBorder: '#3a424e',
  },
} as const;

export function mermaidConfig(theme: DiagramTheme, layout: DiagramLayout): MermaidConfig {
  return {
    startOnLoad: false,
    securityLevel: 'strict',
    theme: 'base',
    themeVariables: THEME_VARIABLES[theme],
    fontFamily: 'ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
    layout,
    // Labels as SVG text, not HTML: an exported SVG then draws the same anywhere, and a PNG can be
    // made from it on a canvas (HTML inside an SVG image taints the canvas in some browsers).
    htmlLabels: false,
    state: { useMaxWidth: false },
    elk: { nodePlacementStrategy: 'NETWORK_SIMPLEX', mergeEdges: false },
  };
}

let loading: Promise<Mermaid> | undefined;

/** Mermaid (large) and its ELK layout load on first use only, never in the server bundle. */
function loadMermaid(): Promise<Mermaid> {
  loading ??= (async () => {
    const [{ default: mermaid }, { default: elkLayouts }] = await Promise.all([
      import('mermaid'),
      import('@mermaid-js/layout-elk'),
    ]);
    mermaid.registerLayoutLoaders(elkLayouts);
    return mermaid;
  })();
  return loading;
}

/** The last 24 drawn SVGs by theme, layout and source, with their ids replaced by `ID_TOKEN`. */
const drawn = new DrawingCache();
const ID_TOKEN = 'sbcachedsvgid';
let renders = 0;
let persisting = false;

/**
 * The stamp `next.config.js` writes into the console's bundle. Elsewhere (the CLI's export page, the
 * browser tests' harness) nothing defines `process`, and the drawings stay in memory.
 */
function buildStamp(): string | undefined {
  try {
    return process.env.SIGNALBOX_BUILD;
  } catch {
    return undefined;
  }
}

/**
 * Keeps the drawings in `localStorage` from now on, and takes those an earlier page load of the same
 * build kept there: a page loaded again draws its diagram without loading Mermaid. The console's
 * pages call it; the CLI's export and the benchmarks draw without it.
 */
export function keepDrawingsAcrossPageLoads(): void {
  const build = buildStamp();
  if (persisting || !build || typeof window === 'undefined') return;
  persisting = true;
  try {
    drawn.persistIn(window.localStorage, DRAWINGS_STORAGE_KEY, build);
  } catch {
    // storage blocked (a privacy setting): drawings stay in memory
  }
}

/**
 * Draws Mermaid source as an SVG string whose ids are all prefixed with `id` (unique in the page).
 * Laying out is the slow part (Mermaid measures every label, then ELK or dagre places them), so the
 * last drawings are kept: the same diagram drawn again (a page revisited, a toggle switched back, and
 * on the console's pages a page loaded again) costs a string copy, not a layout.
 */
export async function renderMermaid(
  id: string,
  source: string,
  options: { theme?: DiagramTheme; layout?: DiagramLayout; config?: MermaidConfig; cache?: boolean } = {},
): Promise<string> {
  const theme = options.theme ?? 'light';
  const layout = options.layout ?? CONSOLE_LAYOUT;
  const key = options.config || options.cache === false ? undefined : `${theme}\n${layout}\n${source}`;
  const cached = key === undefined ? undefined : drawn.get(key);
  if (cached !== undefined) return cached.replaceAll(ID_TOKEN, id);
  const mermaid = await loadMermaid();
  const config = mermaidConfig(theme, layout);
  mermaid.initialize({ ...config, ...options.config, elk: { ...config.elk, ...options.config?.elk } });
  // A private id that no other text in the drawing can contain, so it can be swapped for `id` later.
  renders += 1;
  const own = `${ID_TOKEN}${renders}z`;
  const { svg } = await mermaid.render(own, source);
  const template = svg.replaceAll(own, ID_TOKEN);
  if (key !== undefined) drawn.set(key, template);
  return template.replaceAll(ID_TOKEN, id);
}
