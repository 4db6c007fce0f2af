import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInput } from './run';

describe('readInput', () => {
  it('reads inline JSON and JSON files', () => {
    expect(readInput('{"source": "a"}')).toEqual({ source: 'a' });
    const file = join(mkdtempSync(join(tmpdir(), 'sb-')), 'input.json');
    writeFileSync(file, '{"rows": 3}');
    expect(readInput(file)).toEqual({ rows: 3 });
  });

  it('explains what is wrong, with exit code 2', () => {
    expect(() => readInput('{"source": ')).toThrow(/invalid JSON/);
    expect(() => readInput('missing.json')).toThrow("'missing.json' is neither JSON nor a readable file");
    try {
      readInput('nope');
    } catch (error) {
      expect((error as { exitCode: number }).exitCode).toBe(2);
    }
  });
});
