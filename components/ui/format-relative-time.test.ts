import { describe, expect, it } from 'vitest';
import { formatRelativeTime } from './format-relative-time';

const now = Date.parse('2026-11-24T12:00:00Z');

describe('formatRelativeTime', () => {
  it.each([
    [now - 2_000, 'just now'],
    [now - 42_000, '42s ago'],
    [now - 5 * 60_000 - 10_000, '5m ago'],
    [now - 3 * 3_600_000, '3h ago'],
    [now - 2 * 86_400_000, '2d ago'],
    [now + 10_000, 'in 10s'],
    [now - 45 * 86_400_000, '2026-10-10'],
  ])('%s → %s', (at, expected) => {
    expect(formatRelativeTime(at, now)).toBe(expected);
  });
});
