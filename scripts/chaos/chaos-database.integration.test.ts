import { describe, expect, it } from 'vitest';
import { SCENARIOS } from './scenarios';

// The quick versions of `npm run chaos`: each starts its own PostgreSQL, and stops it under load.
describe('the database going away', () => {
  it('PostgreSQL restarted (fast and immediate) under load: workers ride through, nothing lost or doubled', async () => {
    const report = await SCENARIOS['pg-restarts']!.quick();
    expect(report.violations).toEqual([]);
    expect(report.faults).toMatch(/^[2-9]\d* restarts/);
  }, 180_000);

  it('an outage longer than the heartbeat window, and a frozen worker: no worker is declared dead, no step runs twice', async () => {
    const report = await SCENARIOS['long-outage']!.quick();
    expect(report.violations).toEqual([]);
    expect(report.counts.falseDeaths).toBe(0);
  }, 180_000);

  it('`signalbox start` with its database stopped and started again: recovers without a restart', async () => {
    const report = await SCENARIOS['start-outage']!.quick();
    expect(report.violations).toEqual([]);
    expect(report.figures.resumeMs).toEqual(expect.any(Number));
  }, 180_000);
});
