// `npm run chaos [-- scenario… | --quick]`: every fault-injection scenario, each on its own fresh
// PostgreSQL; prints each scenario's figures and exits non-zero when an invariant breaks.
import { connectionKills } from './connection-kills';
import { pgRestarts } from './pg-restarts';
import type { ScenarioReport } from './scenario';
import { sigkillStorm } from './sigkill-storm';
import { sigtermDrain } from './sigterm-drain';
import { startOutage } from './start-outage';

const quick = process.argv.includes('--quick');
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));

const scenarios: Record<string, () => Promise<ScenarioReport>> = {
  'sigkill-storm': () =>
    sigkillStorm(
      quick
        ? {
            runs: 150,
            workers: 3,
            concurrency: 4,
            killEveryMs: 2_000,
            stepMs: 150,
            jitterMs: 100,
            drainTimeoutMs: 120_000,
          }
        : {
            runs: 1_000,
            workers: 4,
            concurrency: 4,
            killEveryMs: 2_000,
            stepMs: 250,
            jitterMs: 150,
            recoveryTargetMs: 10_000,
            drainTimeoutMs: 600_000,
          },
    ),
  'pg-restarts': () =>
    pgRestarts(
      quick
        ? {
            workers: 2,
            concurrency: 4,
            runsPerSecond: 4,
            stepMs: 100,
            jitterMs: 50,
            faultMs: 20_000,
            everyMs: [5_000, 8_000],
            downMs: [1_000, 3_000],
            drainTimeoutMs: 120_000,
          }
        : {
            workers: 2,
            concurrency: 4,
            runsPerSecond: 6,
            stepMs: 150,
            jitterMs: 100,
            faultMs: 300_000,
            everyMs: [10_000, 30_000],
            downMs: [1_000, 5_000],
            drainTimeoutMs: 600_000,
          },
    ),
  'connection-kills': () =>
    connectionKills({
      workers: 2,
      concurrency: 4,
      runsPerSecond: quick ? 4 : 6,
      stepMs: 100,
      jitterMs: 50,
      faultMs: quick ? 15_000 : 60_000,
      killEveryMs: quick ? 500 : 1_000,
      drainTimeoutMs: quick ? 120_000 : 300_000,
    }),
  'sigterm-drain': () =>
    sigtermDrain(
      quick
        ? { runs: 8, concurrency: 4, stepMs: 2_500, graceSeconds: 1, drainTimeoutMs: 120_000 }
        : { runs: 16, concurrency: 4, stepMs: 15_000, graceSeconds: 10, drainTimeoutMs: 300_000 },
    ),
  'start-outage': () =>
    startOutage({
      runs: quick ? 20 : 60,
      stepDelayMs: 500,
      downMs: quick ? 8_000 : 60_000,
      drainTimeoutMs: 180_000,
    }),
};

const reports: ScenarioReport[] = [];
for (const [name, run] of Object.entries(scenarios)) {
  if (only.length > 0 && !only.includes(name)) continue;
  process.stdout.write(`\n▶ ${name}${quick ? ' (quick)' : ''}\n`);
  const report = await run();
  reports.push(report);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}
const failed = reports.filter((r) => r.violations.length > 0);
process.stdout.write(
  `\n${reports.map((r) => `${r.violations.length ? '✗' : '✓'} ${r.scenario}: ${r.violations.join(', ') || 'all invariants held'}`).join('\n')}\n`,
);
process.exit(failed.length > 0 ? 1 : 0);
