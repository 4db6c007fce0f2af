import { describe, expect, it } from 'vitest';
import { SCENARIOS } from './scenarios';

// The quick versions of `npm run chaos`: each starts its own PostgreSQL and worker processes.
describe('workers under fire', () => {
  it('SIGKILL storm: every run finishes once, stranded steps run elsewhere within seconds', async () => {
    const report = await SCENARIOS['sigkill-storm']!.quick();
    expect(report.violations).toEqual([]);
    expect(report.figures.strandedSteps).toBeGreaterThan(0);
    expect(report.counts.unrecovered).toBe(0);
  }, 180_000);

  it('SIGTERM mid-step: the worker exits within its grace period; aborted steps run again once elsewhere', async () => {
    const report = await SCENARIOS['sigterm-drain']!.quick();
    expect(report.violations).toEqual([]);
    expect(report.figures.abortedSteps).toBeGreaterThan(0);
    expect(report.figures.exitCode).toBe('0');
  }, 120_000);

  it('connections killed (idle and mid-statement): nothing stuck, doubled or lost', async () => {
    const report = await SCENARIOS['connection-kills']!.quick();
    expect(report.violations).toEqual([]);
    expect(report.figures.kills).toBeGreaterThan(5);
    expect(report.figures.midStatement).toBeGreaterThan(0);
  }, 120_000);
});
