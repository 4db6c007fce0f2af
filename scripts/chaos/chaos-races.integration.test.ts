import { describe, expect, it } from 'vitest';
import { SCENARIOS } from './scenarios';

describe('races', () => {
  it('one run per idempotency key, one accepted click per action, refusals leave runs untouched', async () => {
    const report = await SCENARIOS.races!.quick();
    expect(report.violations).toEqual([]);
    expect(report.figures.pairs).toBeGreaterThan(100);
    expect(report.figures.pairsAccepted).toBeGreaterThan(0);
  }, 180_000);
});
