import { connectionKills } from './connection-kills';
import { longOutage } from './long-outage';
import { pgRestarts } from './pg-restarts';
import { races } from './races';
import type { ScenarioReport } from './scenario';
import { sigkillStorm } from './sigkill-storm';
import { sigtermDrain } from './sigterm-drain';
import { startOutage } from './start-outage';

/**
 * Every fault-injection scenario, in its full size (`npm run chaos`, the figures in
 * docs/reliability.md) and a quick one (`npm run chaos -- --quick`, and `npm test`).
 */
export const SCENARIOS: Record<
  string,
  { full: () => Promise<ScenarioReport>; quick: () => Promise<ScenarioReport> }
> = {
  'sigkill-storm': {
    full: () =>
      sigkillStorm({
        runs: 1_000,
        workers: 4,
        concurrency: 4,
        killEveryMs: 2_000,
        stepMs: 250,
        jitterMs: 150,
        recoveryTargetMs: 10_000,
        drainTimeoutMs: 600_000,
      }),
    quick: () =>
      sigkillStorm({
        runs: 120,
        workers: 3,
        concurrency: 4,
        killEveryMs: 2_000,
        stepMs: 150,
        jitterMs: 100,
        recoveryTargetMs: 15_000,
        drainTimeoutMs: 120_000,
      }),
  },
  'pg-restarts': {
    full: () =>
      pgRestarts({
        workers: 2,
        concurrency: 4,
        runsPerSecond: 6,
        stepMs: 150,
        jitterMs: 100,
        faultMs: 300_000,
        everyMs: [10_000, 30_000],
        downMs: [1_000, 5_000],
        drainTimeoutMs: 600_000,
      }),
    quick: () =>
      pgRestarts({
        workers: 2,
        concurrency: 4,
        runsPerSecond: 4,
        stepMs: 100,
        jitterMs: 50,
        faultMs: 12_000,
        everyMs: [3_000, 5_000],
        downMs: [1_000, 2_000],
        drainTimeoutMs: 120_000,
      }),
  },
  'connection-kills': {
    full: () =>
      connectionKills({
        workers: 2,
        concurrency: 4,
        runsPerSecond: 6,
        stepMs: 100,
        jitterMs: 50,
        faultMs: 60_000,
        killEveryMs: 1_000,
        drainTimeoutMs: 300_000,
      }),
    quick: () =>
      connectionKills({
        workers: 2,
        concurrency: 4,
        runsPerSecond: 4,
        stepMs: 100,
        jitterMs: 50,
        faultMs: 10_000,
        killEveryMs: 500,
        drainTimeoutMs: 120_000,
      }),
  },
  'sigterm-drain': {
    full: () =>
      sigtermDrain({ runs: 16, concurrency: 4, stepMs: 15_000, graceSeconds: 10, drainTimeoutMs: 300_000 }),
    quick: () =>
      sigtermDrain({ runs: 8, concurrency: 4, stepMs: 2_000, graceSeconds: 1, drainTimeoutMs: 120_000 }),
  },
  'start-outage': {
    full: () =>
      startOutage({ runs: 60, stepDelayMs: 500, downMs: 60_000, drainTimeoutMs: 180_000, console: true }),
    quick: () => startOutage({ runs: 20, stepDelayMs: 300, downMs: 7_000, drainTimeoutMs: 120_000 }),
  },
  // The "down for 10 minutes": every process of `signalbox start` (database, worker, console)
  // stays up and says so, then recovers without a restart. The quick version is start-outage's.
  'ten-minute-outage': {
    full: () =>
      startOutage({ runs: 30, stepDelayMs: 500, downMs: 600_000, drainTimeoutMs: 300_000, console: true }),
    quick: () => startOutage({ runs: 10, stepDelayMs: 300, downMs: 5_000, drainTimeoutMs: 120_000 }),
  },
  'long-outage': {
    full: () =>
      longOutage({
        workers: 3,
        concurrency: 2,
        stepMs: 90_000,
        downMs: 45_000,
        stallMs: 3_000,
        drainTimeoutMs: 900_000,
      }),
    quick: () =>
      longOutage({
        workers: 2,
        concurrency: 2,
        stepMs: 5_000,
        downMs: 7_000,
        stallMs: 3_000,
        drainTimeoutMs: 180_000,
      }),
  },
  races: {
    full: () => races({ keys: 100, clients: 20, runs: 1_000, clicks: 10 }),
    quick: () => races({ keys: 10, clients: 20, runs: 40, clicks: 10 }),
  },
};
