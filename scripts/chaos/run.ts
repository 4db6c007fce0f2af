// `npm run chaos [-- scenario… | --quick]`: every fault-injection scenario, each on its own fresh
// PostgreSQL; prints each scenario's figures and exits non-zero when an invariant breaks.
import { loadavg } from 'node:os';
import { recordFigures } from './figures-report';
import type { ScenarioReport } from './scenario';
import { SCENARIOS } from './scenarios';

const quick = process.argv.includes('--quick');
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const unknown = only.filter((name) => !(name in SCENARIOS));
if (unknown.length > 0) {
  process.stderr.write(
    `unknown scenario: ${unknown.join(', ')} (known: ${Object.keys(SCENARIOS).join(', ')})\n`,
  );
  process.exit(2);
}

const loadAtStart = loadavg();
const named: { name: string; report: ScenarioReport }[] = [];
for (const [name, sizes] of Object.entries(SCENARIOS)) {
  if (only.length > 0 && !only.includes(name)) continue;
  process.stdout.write(`\n▶ ${name}${quick ? ' (quick)' : ''}\n`);
  const report = await (quick ? sizes.quick() : sizes.full());
  named.push({ name, report });
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}
const reports = named.map((r) => r.report);
process.stdout.write('\n| scenario | load | faults | counts | figures |\n| --- | --- | --- | --- | --- |\n');
for (const r of reports) {
  const counts = Object.entries(r.counts)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  const figures = Object.entries(r.figures)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  process.stdout.write(`| ${r.scenario} | ${r.load} | ${r.faults} | ${counts} | ${figures} |\n`);
}
// Full-size figures are the documented ones; quick runs only print theirs.
if (!quick && named.length > 0) {
  const written = recordFigures(named, Object.keys(SCENARIOS), loadAtStart);
  process.stdout.write(`\nwrote ${written.map((f) => f.replace(`${process.cwd()}/`, '')).join(', ')}\n`);
}
const failed = reports.filter((r) => r.violations.length > 0);
process.stdout.write(
  `\n${reports.map((r) => `${r.violations.length ? '✗' : '✓'} ${r.scenario}: ${r.violations.join(', ') || 'all invariants held'}`).join('\n')}\n`,
);
process.exit(failed.length > 0 ? 1 : 0);
