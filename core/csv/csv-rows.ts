import { stringify } from 'csv-stringify/sync';

/**
 * A cell: text, a number, a date (written as ISO 8601), any other JSON value (written as JSON), or
 * empty (null, undefined).
 */
export type CsvValue = unknown;

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A spreadsheet opens `=1+1` as a formula: text cells starting with = + - @ or a control character
 * get a leading apostrophe (numbers such as -4.5 are left alone).
 */
function neutralize(text: string): string {
  return /^[=+\-@\t\r]/.test(text) && !NUMBER.test(text) ? `'${text}` : text;
}

/**
 * Rows as RFC 4180 CSV text, each ending in CRLF. Fields holding a comma, a quote or a line break are
 * quoted; formulas are defused (see `neutralize`). Every CSV download is written here.
 */
export function csvRows(rows: readonly (readonly CsvValue[])[]): string {
  return stringify(rows as CsvValue[][], {
    record_delimiter: '\r\n',
    // csv-stringify quotes only the record delimiter itself: a lone CR or LF must be quoted too.
    quoted_match: /[\r\n]/,
    cast: {
      string: neutralize,
      date: (value) => value.toISOString(),
      boolean: (value) => String(value),
    },
  });
}

/**
 * A CSV download, a header line then one chunk per page, so a route handler can stream an export of
 * any size (`new Response(ReadableStream.from(...))`) while only one page is in memory.
 */
export async function* csvPages<T>(
  header: readonly string[],
  pages: AsyncIterable<readonly T[]>,
  row: (item: T) => readonly CsvValue[],
): AsyncGenerator<string> {
  yield csvRows([header]);
  for await (const page of pages) {
    if (page.length > 0) yield csvRows(page.map(row));
  }
}
