import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BEGIN, END, goalFor, type MetricResult, markdownTable, replaceBetweenMarkers } from './report';

const metric = (figure: string, key: string, raw: number, ours: number): MetricResult => ({
  figure,
  key,
  label: `${figure} ${key}`,
  unit: 'u',
  better: 'higher',
  raw: { rounds: [raw], median: raw },
  signalbox: { rounds: [ours], median: ours },
  ratio: ours / raw,
});

describe('benchmark report', () => {
  it("judges issue 10's goals from the medians", () => {
    expect(goalFor(metric('throughput-1p-default', 'tps', 100, 150))).toEqual({
      text: '≥ 1.5× raw',
      met: true,
    });
    expect(goalFor(metric('throughput-2p-batched', 'tps', 100, 99))).toEqual({
      text: '≥ 1.0× raw',
      met: false,
    });
    expect(goalFor(metric('dispatch', 'p50', 1, 1.4))?.met).toBe(true);
    expect(goalFor(metric('dispatch', 'p50', 1, 1.6))?.met).toBe(false);
    expect(goalFor(metric('fan-out', 'ms', 1, 9))).toBeUndefined();
  });

  it('writes the table between the markers and keeps the rest of the file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'bench-report-')), 'doc.md');
    writeFileSync(file, `# Doc\n\n${BEGIN}\nold\n${END}\n\n## Diagrams\nkept\n`);
    const table = markdownTable({
      date: 'd',
      machine: {},
      settings: {},
      metrics: [metric('per-step', 'ms', 2, 3)],
    });
    replaceBetweenMarkers(file, table);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('| per-step ms (u, higher is better) | 2.00 | 3.00 | 1.50× |');
    expect(text).not.toContain('old');
    expect(text).toMatch(/## Diagrams\nkept\n$/);
  });
});
