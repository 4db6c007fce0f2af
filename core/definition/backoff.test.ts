import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from './backoff';

describe('backoffDelay', () => {
  const policy = { initialMs: 100, factor: 2, maxMs: 1_000, jitter: 0 };

  it('grows exponentially from the initial delay', () => {
    expect([1, 2, 3, 4].map((retry) => backoffDelay(policy, retry))).toEqual([100, 200, 400, 800]);
  });

  it('never exceeds the cap', () => {
    expect(backoffDelay(policy, 10)).toBe(1_000);
    expect(backoffDelay(policy, 1_000)).toBe(1_000);
  });

  it('randomises within [d·(1−jitter), d]', () => {
    const jittery = { ...policy, jitter: 0.5 };
    expect(backoffDelay(jittery, 2, () => 0)).toBe(200);
    expect(backoffDelay(jittery, 2, () => 1)).toBe(100);
    expect(backoffDelay(jittery, 2, () => 0.5)).toBe(150);
  });

  it('has sane defaults', () => {
    expect(backoffDelay(DEFAULT_BACKOFF, 1, () => 0)).toBe(1_000);
    expect(backoffDelay(DEFAULT_BACKOFF, 20, () => 0)).toBe(60_000);
  });
});
