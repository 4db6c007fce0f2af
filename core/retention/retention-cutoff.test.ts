import { describe, expect, it } from 'vitest';
import { retentionCutoff } from './retention-cutoff';

const now = new Date('2026-12-01T12:00:00Z');

describe('retentionCutoff', () => {
  it('counts an age back from now', () => {
    expect(retentionCutoff('90d', now).toISOString()).toBe('2026-09-02T12:00:00.000Z');
    expect(retentionCutoff('12h', now).toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(retentionCutoff('2w', now).toISOString()).toBe('2026-11-17T12:00:00.000Z');
  });

  it('takes a date (midnight UTC) or a date-time with a zone', () => {
    expect(retentionCutoff('2026-09-01', now).toISOString()).toBe('2026-09-01T00:00:00.000Z');
    expect(retentionCutoff('2026-09-01T10:00:00+02:00', now).toISOString()).toBe('2026-09-01T08:00:00.000Z');
  });

  it('refuses nonsense, zero ages and future cutoffs with a 400', () => {
    for (const text of ['soon', '90', '0d', '-3d', '2027-01-01', '2026-13-45']) {
      expect(() => retentionCutoff(text, now), text).toThrow(/invalid cutoff/);
    }
  });
});
