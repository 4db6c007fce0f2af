import { describe, expect, it } from 'vitest';
import { formatBytes, formatPercent, meterScale, shareVerdict } from './ingest-format';

describe('formatPercent', () => {
  it('shows whole percentages without decimals and others with one', () => {
    expect(formatPercent(0.2)).toBe('20 %');
    expect(formatPercent(0.05)).toBe('5 %');
    expect(formatPercent(1 / 30)).toBe('3.3 %');
    expect(formatPercent(0)).toBe('0 %');
    expect(formatPercent(1)).toBe('100 %');
  });

  it('never rounds a non-zero share down to 0 %', () => {
    expect(formatPercent(1 / 100_000)).toBe('<0.1 %');
  });
});

describe('formatBytes', () => {
  it('uses binary units', () => {
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(812)).toBe('812 bytes');
    expect(formatBytes(14_691)).toBe('14.3 KiB');
    expect(formatBytes(64 * 1024 * 1024)).toBe('64 MiB');
    expect(formatBytes(3 * 1024 ** 4)).toBe('3072 GiB');
  });
});

describe('shareVerdict', () => {
  it('is above only past the threshold, as the machine decides', () => {
    expect(shareVerdict(0.2, 0.05)).toBe('above');
    expect(shareVerdict(0.05, 0.05)).toBe('within');
    expect(shareVerdict(0, 0.05)).toBe('within');
  });
});

describe('meterScale', () => {
  it('picks the smallest scale with room past the share and the threshold', () => {
    expect(meterScale(0.03, 0.05)).toBe(0.1);
    expect(meterScale(0.2, 0.05)).toBe(0.5);
    expect(meterScale(0.12, 0.05)).toBe(0.2);
    expect(meterScale(0.9, 0.05)).toBe(1);
    expect(meterScale(0, 0)).toBe(0.1);
  });
});
