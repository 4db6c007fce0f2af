// How fast the console draws and marks a diagram, in Chromium, with the console's code: a 30-state
// machine (four compound stages) laid out with ELK (the console's layout) and dagre, first render and
// again (Mermaid loaded); drawn warm (the console keeps its last drawings: a diagram drawn again is
// not laid out again); then highlight changes (a live run moving on, a replay step) toggled on the
// drawn SVG, against what each cost when it re-rendered the diagram. Prints medians and p90s.
// Asserts nothing. Usage: npm run bench:diagram -- [--runs 15]

import { parseArgs } from 'node:util';
import { type DiagramHighlight, layoutSource } from '../../core/diagram/highlight-classes';
import { diagramStateIds, toMermaid } from '../../core/diagram/to-mermaid';
import { stagedMachine } from '../../test-support/diagram-corpus/corpus-names-and-size';
import { openHarnessPage } from '../../test-support/diagram-harness/harness-page';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' } } });
const runs = Number(values.runs);
const machine = stagedMachine('thirty', 4, 5);
const ids = diagramStateIds(machine);
const leaves = Object.keys(ids).filter((path) => path.split('.').length === 2);
const source = layoutSource(toMermaid(machine));

const stats = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return `median ${at(0.5).toFixed(1)} ms, p90 ${at(0.9).toFixed(1)} ms, max ${at(1).toFixed(1)} ms (n=${times.length})`;
};

// A run walking through the machine: each step moves `current` on and grows `visited`.
const walk: DiagramHighlight[] = leaves.map((state, i) => ({
  current: [state],
  visited: leaves.slice(0, i),
}));

const diagram = await openHarnessPage({ viewport: { width: 1280, height: 800 } });
const page = diagram.page;
type Bench = {
  timeRenders(source: string, layout: string, runs: number, cache: boolean): Promise<number[]>;
  timeHighlights(ids: Record<string, string>, highlights: readonly DiagramHighlight[]): number[];
};
const timeRenders = (layout: string, n: number, cache = false) =>
  page.evaluate(([s, l, r, c]) => (globalThis as unknown as Bench).timeRenders(s, l, r, c), [
    source,
    layout,
    n,
    cache,
  ] as const);
console.log(
  `30-state diagram (${Object.keys(ids).length} states, ${source.split('\n').length} lines of Mermaid)`,
);
for (const layout of ['elk', 'dagre']) {
  const [cold] = await timeRenders(layout, 1);
  const warm = await timeRenders(layout, runs);
  console.log(`${layout.padEnd(5)} layout   first ${cold?.toFixed(0)} ms; again ${stats(warm)}`);
}
await timeRenders('elk', 1, true);
console.log(`elk   warm render (drawn before): ${stats(await timeRenders('elk', runs, true))}`);
const toggles = await page.evaluate(([i, h]) => (globalThis as unknown as Bench).timeHighlights(i, h), [
  ids,
  [...walk, ...walk, ...walk],
] as const);
console.log(`elk   highlight change by class toggles: ${stats(toggles)}`);
const rerendered = await page.evaluate(
  async ([m, r]) => {
    const bench = globalThis as unknown as Bench;
    const times: number[] = [];
    for (const text of m.slice(0, r)) times.push(...(await bench.timeRenders(text, 'elk', 1, false)));
    return times;
  },
  [walk.map((h) => toMermaid(machine, h)), Math.min(runs, walk.length)] as const,
);
console.log(`elk   highlight change by re-rendering (before): ${stats(rerendered)}`);
await diagram.close();
