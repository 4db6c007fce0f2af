import { describe, expect, it } from 'vitest';
import { median, percentile, sideOrder } from './stats';

describe('benchmark statistics', () => {
  it('takes the median of odd and even counts without reordering the input', () => {
    const values = [5, 1, 3];
    expect(median(values)).toBe(3);
    expect(values).toEqual([5, 1, 3]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('takes nearest-rank percentiles', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 90)).toBe(90);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
  });

  it('alternates which side runs first', () => {
    expect([0, 1, 2].map((round) => sideOrder(['raw', 'signalbox'], round)[0])).toEqual([
      'raw',
      'signalbox',
      'raw',
    ]);
  });
});
