import { describe, expect, it } from 'vitest';
import { csvPages, csvRows } from './csv-rows';

/** One field as it appears in a row. */
const csvField = (value: unknown) => csvRows([[value]]).slice(0, -2);

describe('CSV fields', () => {
  it('quotes what needs quoting and defuses spreadsheet formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('-4.5')).toBe('-4.5');
    expect(csvField(12)).toBe('12');
    expect(csvField(null)).toBe('');
  });

  it('quotes a lone CR or LF, writes dates as ISO 8601 and other values as JSON', () => {
    expect(csvField('a\nb')).toBe('"a\nb"');
    expect(csvField('a\rb')).toBe('"a\rb"');
    expect(csvField('\rcmd')).toBe(`"'\rcmd"`);
    expect(csvField(new Date(Date.UTC(2026, 0, 2, 3, 4, 5)))).toBe('2026-01-02T03:04:05.000Z');
    expect(csvField({ code: 'NOT_FOUND' })).toBe('"{""code"":""NOT_FOUND""}"');
    expect(csvField(undefined)).toBe('');
  });
});

describe('csvPages', () => {
  it('yields the header, then one CRLF-terminated chunk per non-empty page', async () => {
    async function* pages() {
      yield [{ n: 1, s: 'a,b' }];
      yield [];
      yield [
        { n: 2, s: null },
        { n: 3, s: '=x' },
      ];
    }
    const chunks: string[] = [];
    for await (const chunk of csvPages(['n', 's'], pages(), (r) => [r.n, r.s])) chunks.push(chunk);
    expect(chunks).toEqual(['n,s\r\n', '1,"a,b"\r\n', "2,\r\n3,'=x\r\n"]);
  });
});
