import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Metric } from './figures';

export interface MetricResult extends Metric {
  figure: string;
  raw: { rounds: number[]; median: number };
  signalbox: { rounds: number[]; median: number };
  /** Signalbox / raw of the medians. */
  ratio: number;
  goal?: { text: string; met: boolean };
}

export interface BenchReport {
  date: string;
  machine: Record<string, string>;
  settings: Record<string, string | number | boolean>;
  metrics: MetricResult[];
}

const root = join(import.meta.dirname, '..', '..');
const versionOf = (pkg: string) =>
  (JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string })
    .version;

/** The machine and the versions the figures were measured with. */
export function machineInfo(postgresVersion: string, loadAtStart: number[]): Record<string, string> {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    // not a git checkout
  }
  return {
    cpu: `${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}`,
    memory: `${Math.round(totalmem() / 2 ** 30)} GiB`,
    kernel: release(),
    'load average at start': loadAtStart.map((l) => l.toFixed(1)).join(' / '),
    node: process.version,
    postgresql: postgresVersion,
    'graphile-worker': versionOf('graphile-worker'),
    xstate: versionOf('xstate'),
    commit,
  };
}

/** The goals of issue 10, as ratios measured side by side. */
export function goalFor(metric: MetricResult): MetricResult['goal'] {
  const { raw, signalbox } = metric;
  if (metric.key === 'tps') {
    const need = metric.figure.endsWith('batched') ? 1.0 : 1.5;
    return { text: `≥ ${need.toFixed(1)}× raw`, met: metric.ratio >= need };
  }
  if (metric.figure === 'per-step') return { text: '≤ 1.2× raw', met: metric.ratio <= 1.2 };
  if (metric.key === 'p50') return { text: '≤ raw + 0.5 ms', met: signalbox.median <= raw.median + 0.5 };
  if (metric.key === 'p99') return { text: '≤ 1.5× raw', met: metric.ratio <= 1.5 };
  if (metric.key === 'maxRss') return { text: '≤ 1.25× raw', met: metric.ratio <= 1.25 };
  return undefined;
}

const fmt = (value: number) =>
  value >= 100
    ? Math.round(value).toLocaleString('en-US')
    : value >= 10
      ? value.toFixed(1)
      : value.toFixed(2);

/** The results as a markdown table. */
export function markdownTable(report: BenchReport): string {
  const lines = [
    '| figure | raw graphile-worker | Signalbox | Signalbox / raw | goal |',
    '|---|--:|--:|--:|---|',
    ...report.metrics.map(
      (m) =>
        `| ${m.label} (${m.unit}, ${m.better} is better) | ${fmt(m.raw.median)} | ${fmt(m.signalbox.median)} | ` +
        `${m.ratio.toFixed(2)}× | ${m.goal ? `${m.goal.text}: ${m.goal.met ? '**met**' : 'not met'}` : ''} |`,
    ),
  ];
  return lines.join('\n');
}

export function markdownSection(report: BenchReport): string {
  const machine = Object.entries(report.machine)
    .map(([k, v]) => `${k} ${v}`)
    .join('; ');
  const settings = Object.entries(report.settings)
    .map(([k, v]) => `${k} ${v}`)
    .join('; ');
  return [
    `Measured ${report.date} by \`npm run bench\` (medians of the rounds; every measurement on its own fresh cluster).`,
    '',
    markdownTable(report),
    '',
    `Machine: ${machine}.`,
    '',
    `Settings: ${settings}.`,
  ].join('\n');
}

export const BEGIN = '<!-- bench:results:begin -->';
export const END = '<!-- bench:results:end -->';

/** Replaces what stands between the markers of `file` (the rest of the file is kept as it is). */
export function replaceBetweenMarkers(
  file: string,
  content: string,
  markers: { begin: string; end: string } = { begin: BEGIN, end: END },
): void {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const from = text.indexOf(markers.begin);
  const to = text.indexOf(markers.end);
  if (from < 0 || to < from) throw new Error(`${file} has no ${markers.begin} … ${markers.end} markers`);
  writeFileSync(file, `${text.slice(0, from + markers.begin.length)}\n${content}\n${text.slice(to)}`);
}

/** Writes the JSON next to docs/performance.md and the table into it and into the README. */
export function writeReport(report: BenchReport): string[] {
  const json = join(root, 'docs', 'performance.json');
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  replaceBetweenMarkers(join(root, 'docs', 'performance.md'), markdownSection(report));
  replaceBetweenMarkers(join(root, 'README.md'), markdownTable(report));
  return [json, join(root, 'docs', 'performance.md'), join(root, 'README.md')];
}
