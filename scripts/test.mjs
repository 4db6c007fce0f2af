#!/usr/bin/env node
// `npm test`: every check the project has, in order of cost. Prints each runner's own summary and,
// last, one plain line with the totals. Exits non-zero if anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { ensureChromium, thisMachine } from './browser/ensure-chromium.mjs';
import { findChromium } from './browser/find-chromium.mjs';

const root = join(import.meta.dirname, '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const results = join(root, 'test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const hasBrowserTests =
  existsSync(join(root, 'e2e')) && readdirSync(join(root, 'e2e')).some((f) => f.endsWith('.spec.ts'));

// Before anything else: one clear message for a missing browser, not one failure per browser test.
if (hasBrowserTests) {
  const { chromium } = await import('@playwright/test');
  const browser = ensureChromium({
    machine: thisMachine(bin('playwright')),
    find: () => findChromium({ playwrightPath: () => chromium.executablePath() }),
    log: (line) => process.stdout.write(`browser: ${line}\n`),
  });
  if (!browser.ok) {
    process.stdout.write(`\n${browser.message}\n\ntests: 0 passed, 1 failed, 0 skipped\n`);
    process.exit(1);
  }
  const how = browser.installedWith ? `, installed with \`${browser.installedWith}\`` : '';
  process.stdout.write(`browser: ${browser.path} (${browser.source}${how})\n`);
}

const steps = [
  ['typecheck', bin('tsc'), ['--noEmit', '-p', '.']],
  ['lint', bin('biome'), ['ci', '.']],
  ['diagrams', process.execPath, ['cli/signalbox.mjs', 'diagram', '--check']],
  ['audit', process.execPath, ['scripts/audit.mjs']],
  // Once, before the tests that run it: the container-image test and the browser tests.
  ['console build', process.execPath, ['cli/signalbox.mjs', 'build']],
  [
    'unit + integration',
    bin('vitest'),
    ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${join(results, 'vitest.json')}`],
  ],
  ...(hasBrowserTests ? [['browser', bin('playwright'), ['test']]] : []),
];

const failedSteps = [];
for (const [name, command, args] of steps) {
  process.stdout.write(`\n▶ ${name}: ${[command.replace(`${root}/`, ''), ...args].join(' ')}\n`);
  const started = Date.now();
  const { status } = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1' },
  });
  process.stdout.write(
    `◀ ${name}: ${status === 0 ? 'ok' : `FAILED (exit ${status})`} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  if (status !== 0) failedSteps.push(name);
}

// The names of what failed, last, so that the tail of a long log says which test to look at.
const failures = [];
const firstLine = (text) =>
  stripVTControlCharacters(String(text ?? ''))
    .split('\n')
    .find((l) => l.trim()) ?? '';

let passed = 0;
let failed = 0;
let skipped = 0;
const vitest = join(results, 'vitest.json');
if (existsSync(vitest)) {
  const report = JSON.parse(readFileSync(vitest, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  for (const file of report.testResults) {
    const path = file.name.replace(`${root}/`, '');
    const failedTests = file.assertionResults.filter((t) => t.status === 'failed');
    for (const t of failedTests)
      failures.push(`${path} › ${t.fullName}: ${firstLine(t.failureMessages?.[0])}`);
    if (failedTests.length === 0 && file.status === 'failed')
      failures.push(`${path}: ${firstLine(file.message)}`);
  }
}
const playwright = join(results, 'playwright.json');
if (existsSync(playwright)) {
  const { stats } = JSON.parse(readFileSync(playwright, 'utf8'));
  passed += stats.expected + stats.flaky;
  failed += stats.unexpected;
  skipped += stats.skipped;
  const report = JSON.parse(readFileSync(playwright, 'utf8'));
  const visit = (suite) => {
    for (const spec of suite.specs ?? []) {
      if (spec.ok) continue;
      const error = spec.tests.flatMap((t) => t.results).find((r) => r.error)?.error?.message;
      failures.push(`${spec.file}:${spec.line} › ${spec.title}: ${firstLine(error)}`);
    }
    for (const child of suite.suites ?? []) visit(child);
  };
  for (const suite of report.suites) visit(suite);
}
// Checks that are not tests (typecheck, lint, diagrams) count as one failed test each when they fail.
const checkFailures = failedSteps.filter((s) => s !== 'unit + integration' && s !== 'browser').length;
failed += checkFailures;
if (failedSteps.length > 0) process.stdout.write(`\nfailed steps: ${failedSteps.join(', ')}\n`);
if (failures.length > 0)
  process.stdout.write(`\nfailed tests:\n${failures.map((f) => `  ${f.slice(0, 300)}`).join('\n')}\n`);
process.stdout.write(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exit(failedSteps.length > 0 ? 1 : 0);
