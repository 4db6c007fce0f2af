import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseForkAt, readContextFile } from './fork';

describe('signalbox fork options', () => {
  it('reads --at as a version or a state', () => {
    expect(parseForkAt('3')).toEqual({ version: 3 });
    expect(parseForkAt('checks.scanning')).toEqual({ state: 'checks.scanning' });
    expect(() => parseForkAt(' ')).toThrow(/give a state/);
  });

  it('reads --context from a JSON file and says what is wrong with a bad one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-fork-'));
    writeFileSync(join(dir, 'ok.json'), '{"transformFailures": 1}');
    writeFileSync(join(dir, 'bad.json'), '{"transformFailures": ');
    expect(readContextFile(join(dir, 'ok.json'))).toEqual({ transformFailures: 1 });
    expect(() => readContextFile(join(dir, 'bad.json'))).toThrow(/is not valid JSON/);
    expect(() => readContextFile(join(dir, 'missing.json'))).toThrow(/cannot read .* \(ENOENT\)/);
  });
});
