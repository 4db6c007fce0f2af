import { describe, expect, it } from 'vitest';
import { formatDuration } from './format-duration';

describe('formatDuration', () => {
  it.each([
    [0, '0 ms'],
    [320.4, '320 ms'],
    [2_420, '2.4 s'],
    [42_900, '42 s'],
    [184_000, '3m 04s'],
    [300_000, '5m'],
    [7_500_000, '2h 05m'],
    [7_200_000, '2h'],
    [-1, '—'],
    [Number.NaN, '—'],
  ])('%s ms → %s', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });
});
