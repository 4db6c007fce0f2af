/** What to mark on a diagram: state paths are dot-separated from the root, e.g. `checks.scanning`. */
export interface DiagramHighlight {
  /** Leaf states the run is in now. */
  current?: string[];
  /** States the run passed through (any depth). */
  visited?: string[];
  /** States where a step failed, or failure states the run reached. */
  failed?: string[];
  /** State path → number of runs there now, shown in the state's label: `scanning (3)`. */
  counts?: Record<string, number>;
}

export type HighlightKind = 'current' | 'visited' | 'failed';

/** Fixed light fills with dark text, so highlighted states stay readable in the dark theme too. */
export const CLASS_DEFS: Record<HighlightKind, string> = {
  current: 'fill:#dbeafe,stroke:#1d4ed8,stroke-width:3px,color:#0f172a,font-weight:bold',
  visited: 'fill:#dcfce7,stroke:#15803d,color:#0f172a',
  failed: 'fill:#fee2e2,stroke:#b91c1c,stroke-width:2px,color:#0f172a',
};

/** A state gets one class: a failure matters most, then where the run is now, then where it has been. */
const PRECEDENCE: readonly HighlightKind[] = ['failed', 'current', 'visited'];

/** The order classDef lines are written in, independent of which highlights were passed. */
export const CLASS_DEF_ORDER: readonly HighlightKind[] = ['current', 'visited', 'failed'];

/** The highlight kind a state path gets, if any. */
export function highlightKind(highlight: DiagramHighlight, path: string): HighlightKind | undefined {
  return PRECEDENCE.find((kind) => highlight[kind]?.includes(path));
}

const CLASS_LINE = /^\s*(class|classDef)\s/;

/**
 * The diagram to lay out once and then mark by toggling classes on its SVG: `toMermaid` text with its
 * `class` lines removed and every `classDef` present, so the drawing is the same whatever is marked
 * (a highlight change needs no new layout) and carries the CSS of every kind.
 */
export function layoutSource(text: string): string {
  const kept = text.split('\n').filter((line) => line.trim() !== '' && !CLASS_LINE.test(line));
  const defs = CLASS_DEF_ORDER.map((kind) => `  classDef ${kind} ${CLASS_DEFS[kind]}`);
  return `${[...kept, ...defs].join('\n')}\n`;
}
