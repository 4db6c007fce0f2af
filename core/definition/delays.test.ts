import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './delays';

describe('durations', () => {
  it('parses the units a delay may be written in', () => {
    expect(parseDuration('48h')).toBe(172_800_000);
    expect(parseDuration('15m')).toBe(900_000);
    expect(parseDuration('1.5s')).toBe(1_500);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('2d')).toBe(172_800_000);
    expect(parseDuration('approvalTimeout')).toBeUndefined();
    expect(parseDuration('5 weeks')).toBeUndefined();
  });

  it('formats durations shortly', () => {
    expect(formatDuration(250)).toBe('250ms');
    expect(formatDuration(2_500)).toBe('2.5s');
    expect(formatDuration(172_800_000)).toBe('2d');
    expect(formatDuration(5_400_000)).toBe('1h 30m');
  });
});
