/**
 * The grouping key of a failure: the error's name and its message with what differs between runs of
 * the same problem replaced — quoted values, UUIDs, long hex ids, e-mail addresses, URLs' paths and
 * numbers — and whitespace collapsed. "Row 17: bad value 'x'" and "Row 402: bad value 'yz'" are one
 * problem. Capped at 500 characters so a huge message cannot make a huge key.
 */
export function errorSignature(name: string, message: string): string {
  const normalized = message
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '<str>')
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<id>')
    .replace(/\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g, '<email>')
    .replace(/\b(https?:\/\/[^\s/]+)\/\S*/g, '$1/<path>')
    .replace(/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{12,}\b/gi, '<id>')
    .replace(/[+-]?\d+(?:[.,:]\d+)*/g, '<n>')
    .replace(/\s+/g, ' ')
    .trim();
  return `${name || 'Error'}: ${normalized}`.slice(0, 500);
}
