import { describe, expect, it } from 'vitest';
import { parseTimestamp } from './parse-timestamp';

describe('parseTimestamp', () => {
  it('reads ISO 8601 date-times with Z or an offset', () => {
    expect(parseTimestamp('2026-03-04T08:15:00Z')?.toISOString()).toBe('2026-03-04T08:15:00.000Z');
    expect(parseTimestamp('2026-03-04T08:15Z')?.toISOString()).toBe('2026-03-04T08:15:00.000Z');
    expect(parseTimestamp('2026-03-04T09:15:00+01:00')?.toISOString()).toBe('2026-03-04T08:15:00.000Z');
    expect(parseTimestamp('2026-03-04 03:15:00.250-0500')?.toISOString()).toBe('2026-03-04T08:15:00.250Z');
  });

  it('refuses missing zones, dates without time and impossible dates', () => {
    for (const text of [
      '2026-03-04T08:15:00',
      '2026-03-04',
      '2026-02-30T00:00:00Z',
      '2026-13-01T00:00Z',
      '04/03/2026 08:15',
      '',
    ]) {
      expect(parseTimestamp(text), text).toBeUndefined();
    }
  });
});
