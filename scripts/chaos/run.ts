// `npm run chaos [-- scenario… | --quick]`: every fault-injection scenario, each on its own fresh
// PostgreSQL; prints each scenario's figures and exits non-zero when an invariant breaks.
import type { ScenarioReport } from './scenario';
import { sigkillStorm } from './sigkill-storm';

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
