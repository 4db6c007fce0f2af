import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FILE = join(import.meta.dirname, '..', '..', '..', 'docs', 'performance.md');
const START = '<!-- console-scale:start -->';
const END = '<!-- console-scale:end -->';

/** Replaces what is between the console-scale markers of docs/performance.md (the rest stays). */
export function writeConsoleScaleSection(table: string, file = FILE): void {
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${file} has no ${START} … ${END} markers`);
  writeFileSync(file, `${text.slice(0, start + START.length)}\n${table}\n${text.slice(end)}`);
}
